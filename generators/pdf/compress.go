package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"

	"github.com/klauspost/compress/zlib"
)

// fpdf compresses each page's content with a zlib writer of its own, about a megabyte
// to allocate and clear per page, and offers no way to reuse one. Documents are
// written uncompressed instead, and compressStreams then deflates their plain streams
// with writers kept between documents.

// A freeList keeps a few values between documents. Unlike a sync.Pool it is not
// emptied by the garbage collector, which runs every few documents.
type freeList[T any] struct {
	free  chan T
	alloc func() T
}

func newFreeList[T any](alloc func() T) *freeList[T] {
	return &freeList[T]{free: make(chan T, runtime.GOMAXPROCS(0)), alloc: alloc}
}

func (l *freeList[T]) get() T {
	select {
	case v := <-l.free:
		return v
	default:
		return l.alloc()
	}
}

func (l *freeList[T]) put(v T) {
	select {
	case l.free <- v:
	default:
	}
}

// compressors are zlib writers by compression level: about a megabyte each to
// allocate and clear.
var compressors = map[int]*freeList[*zlib.Writer]{
	zlib.BestSpeed:          newFreeList(func() *zlib.Writer { w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return w }),
	zlib.DefaultCompression: newFreeList(func() *zlib.Writer { return zlib.NewWriter(nil) }),
}

// buffers hold a document while it is written, uncompressed then compressed.
var buffers = newFreeList(func() *bytes.Buffer { return new(bytes.Buffer) })

// maxKeptBuffer is the largest buffer kept for another document.
const maxKeptBuffer = 16 << 20

func getBuffer() *bytes.Buffer { return buffers.get() }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxKeptBuffer {
		b.Reset()
		buffers.put(b)
	}
}

// deflate appends data compressed at level to dst.
func deflate(dst *bytes.Buffer, data []byte, level int) error {
	return deflateReplacing(dst, data, level, nil, nil)
}

// deflateReplacing appends data compressed at level to dst, every old in it replaced
// by replacement on the way.
func deflateReplacing(dst *bytes.Buffer, data []byte, level int, old, replacement []byte) error {
	zw := compressors[level].get()
	defer compressors[level].put(zw)
	zw.Reset(dst)
	for len(old) > 0 {
		i := bytes.Index(data, old)
		if i < 0 {
			break
		}
		if _, err := zw.Write(data[:i]); err != nil {
			return err
		}
		if _, err := zw.Write(replacement); err != nil {
			return err
		}
		data = data[i+len(old):]
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

var (
	startXref   = []byte("startxref\n")
	plainStream = []byte("<</Length ")
	streamStart = []byte(">>\nstream\n")
	streamEnd   = []byte("\nendstream\nendobj\n")
	alias       = []byte(pagesAlias)
)

// errLayout is a PDF not laid out as fpdf writes one.
var errLayout = errors.New("unexpected PDF layout")

// compressStreams writes to out pdf, as fpdf writes it without compression, with every
// stream whose dictionary holds only its length deflated, the page count put in place
// of pagesAlias in them, and a cross-reference table that points to the objects' new
// places. (fpdf's own alias would copy every page twice.)
func compressStreams(out *bytes.Buffer, pdf []byte, pages int) error {
	at := bytes.LastIndex(pdf, startXref)
	if at < 0 {
		return fmt.Errorf("%w: no startxref", errLayout)
	}
	xref, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(pdf[at+len(startXref):]), []byte("%%EOF")))))
	if err != nil || xref <= 0 || xref >= at {
		return fmt.Errorf("%w: startxref", errLayout)
	}
	offsets, trailer, err := readXref(pdf[xref:at])
	if err != nil {
		return err
	}
	// Objects in the order they appear; each runs to the next, the last to the table.
	order := make([]int, len(offsets)-1)
	for i := range order {
		order[i] = i + 1
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	scratch := getBuffer()
	defer putBuffer(scratch)
	out.Grow(len(pdf) / 2)
	out.Write(pdf[:offsets[order[0]]])
	moved := make([]int, len(offsets))
	count := []byte(strconv.Itoa(pages))
	for i, n := range order {
		end := xref
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		if offsets[n] > end || end > len(pdf) {
			return fmt.Errorf("%w: object %d", errLayout, n)
		}
		moved[n] = out.Len()
		if err := writeObject(out, scratch, pdf[offsets[n]:end], count); err != nil {
			return fmt.Errorf("%w: object %d: %v", errLayout, n, err)
		}
	}
	table := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range moved[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", table)
	return nil
}

// readXref reads fpdf's cross-reference table: one section from object 0, an entry of
// twenty bytes per object, then the trailer.
func readXref(section []byte) (offsets []int, trailer []byte, err error) {
	head, rest, ok := bytes.Cut(section, []byte("\n"))
	if !ok || string(head) != "xref" {
		return nil, nil, fmt.Errorf("%w: xref", errLayout)
	}
	head, rest, ok = bytes.Cut(rest, []byte("\n"))
	var first, count int
	if _, err := fmt.Sscanf(string(head), "%d %d", &first, &count); !ok || err != nil || first != 0 || count < 2 || len(rest) < 20*count {
		return nil, nil, fmt.Errorf("%w: xref section", errLayout)
	}
	offsets = make([]int, count)
	for i := 1; i < count; i++ {
		if offsets[i], err = strconv.Atoi(string(rest[20*i : 20*i+10])); err != nil {
			return nil, nil, fmt.Errorf("%w: xref entry %d", errLayout, i)
		}
	}
	return offsets, rest[20*count:], nil
}

// writeObject writes one object, its stream deflated (in scratch) with the page count
// in place of pagesAlias when its dictionary holds only the stream's length.
func writeObject(out, scratch *bytes.Buffer, obj, pages []byte) error {
	_, body, ok := bytes.Cut(obj, []byte(" 0 obj\n"))
	if !ok || !bytes.HasPrefix(body, plainStream) {
		out.Write(obj)
		return nil
	}
	digits, data, ok := bytes.Cut(body[len(plainStream):], streamStart)
	length, err := strconv.Atoi(string(digits))
	if !ok || err != nil || length > len(data) || !bytes.Equal(data[length:], streamEnd) {
		out.Write(obj) // another dictionary that starts with its length
		return nil
	}
	scratch.Reset()
	if err := deflateReplacing(scratch, data[:length], zlib.BestSpeed, alias, pages); err != nil {
		return err
	}
	out.Write(obj[:len(obj)-len(body)])
	fmt.Fprintf(out, "<</Filter /FlateDecode /Length %d>>\nstream\n", scratch.Len())
	out.Write(scratch.Bytes())
	out.Write(streamEnd)
	return nil
}
