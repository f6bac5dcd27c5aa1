package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/term"
)

// defaultMaxInput is the server's default body limit (server.Config.BodyLimit): the
// command line reads no larger a case than the API would.
const defaultMaxInput = 10 << 20

// inputTooLargeError reports a case longer than --max-input.
type inputTooLargeError struct{ max int64 }

func (e *inputTooLargeError) Error() string {
	return fmt.Sprintf("the case is larger than %d bytes (--max-input)", e.max)
}

// outputRefusedError reports an --out path that render will not write: a directory (or
// a link to one), a symbolic link to a file or to nothing, or a terminal for a binary
// document.
type outputRefusedError struct {
	path string
	kind action
}

func (e *outputRefusedError) Error() string {
	switch e.kind {
	case refuseDirectory:
		return e.path + " is a directory"
	case refuseTerminal:
		return e.path + " is a terminal, and the document is binary"
	}
	return e.path + " is a symbolic link to a file or to nothing"
}

// interruptible runs f and returns its error, or the context's error as soon as ctx ends.
// A read or write blocked on a pipe, a terminal or a FIFO's open does not return when a
// signal arrives (the signal is caught), so f is left running: the command is about to
// exit. f must write nothing that outlives the process — never a file to be renamed.
func interruptible(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ctxReader stops reading once its context ends, so that an endless source such as
// /dev/zero is not read on after a signal.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// readInput reads the case from the file name, or stdin for "-": at most max bytes, an
// *inputTooLargeError past them, the context's error as soon as ctx ends.
func readInput(ctx context.Context, name string, stdin io.Reader, max int64) ([]byte, error) {
	var data []byte
	err := interruptible(ctx, func() error {
		r := stdin
		if name != "-" {
			f, err := os.Open(name) // blocks on a FIFO until it has a writer
			if err != nil {
				return err
			}
			defer f.Close()
			r = f
		}
		limit := max
		if limit < math.MaxInt64 {
			limit++ // one byte more tells a case of exactly max bytes from a longer one
		}
		b, err := io.ReadAll(io.LimitReader(ctxReader{ctx, r}, limit))
		if err != nil {
			return err
		}
		if int64(len(b)) > max {
			return &inputTooLargeError{max: max}
		}
		data = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}

// action is how render writes to an --out path.
type action int

const (
	// replaceFile writes a temporary file beside a regular file or a missing path and
	// renames it into place: the path holds the old file or the whole new one, never
	// part of either.
	replaceFile action = iota
	// writeThrough opens the path and writes to it: a device, a FIFO or a socket (or a
	// link to one, such as /dev/stdout) is not a file to replace.
	writeThrough
	refuseLink
	refuseDirectory
	// refuseTerminal is a terminal that a binary document (PDF, XLSX) would be
	// written to: it would print bytes that upset the terminal and help no one.
	refuseTerminal
)

// decide chooses the action for a path from its own mode and, when it is a symbolic
// link, the mode of what the link points to. A link is followed only to what is written
// through: replacing the file at the end of a link would write outside the directory
// the user named, wherever someone able to plant the link chose.
func decide(own, target fs.FileMode) action {
	switch {
	case own.IsRegular():
		return replaceFile
	case own.IsDir(), own&fs.ModeSymlink != 0 && target.IsDir():
		return refuseDirectory
	case own&fs.ModeSymlink != 0 && target.IsRegular():
		return refuseLink
	default:
		return writeThrough
	}
}

// writeOutput writes body to the path name, or to stdout for "-", as decide chooses; a
// binary body is not written to a terminal. It returns the context's error as soon as
// ctx ends, leaving no temporary file and the old file, if any, in place.
func writeOutput(ctx context.Context, name string, body []byte, binary bool, stdout io.Writer) error {
	if name == "-" {
		if f, ok := stdout.(*os.File); ok && binary && term.IsTerminal(int(f.Fd())) {
			return &outputRefusedError{path: name, kind: refuseTerminal}
		}
		return interruptible(ctx, func() error {
			_, err := stdout.Write(body)
			return err
		})
	}
	info, err := os.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return replace(ctx, name, nil, body)
	case err != nil:
		return err
	}
	var target fs.FileMode
	if info.Mode()&fs.ModeSymlink != 0 {
		to, err := os.Stat(name)
		if errors.Is(err, fs.ErrNotExist) {
			return &outputRefusedError{path: name, kind: refuseLink} // a link to nothing
		} else if err != nil {
			return err
		}
		target = to.Mode()
	}
	switch a := decide(info.Mode(), target); a {
	case replaceFile:
		return replace(ctx, name, info, body)
	case writeThrough:
		return interruptible(ctx, func() error {
			// No O_CREATE: should the device be gone by now, nothing takes its place.
			f, err := os.OpenFile(name, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			// A character device such as /dev/null is no terminal: only asking tells.
			if binary && term.IsTerminal(int(f.Fd())) {
				f.Close()
				return &outputRefusedError{path: name, kind: refuseTerminal}
			}
			_, err = f.Write(body)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		})
	default:
		return &outputRefusedError{path: name, kind: a}
	}
}

// replace writes body to a temporary file in name's directory and renames it onto name.
// The new file keeps old's mode and, where the process may set it, its owner; without
// old it keeps the temporary file's mode, 0600 less the umask: a document holds
// personal data, and a file shared more widely is chmod-ed once and stays so.
func replace(ctx context.Context, name string, old fs.FileInfo, body []byte) (err error) {
	// A long name would make the temporary one too long for the file system.
	prefix := "." + filepath.Base(name)
	if len(prefix) > 64 {
		prefix = prefix[:64]
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), prefix+".*")
	if err != nil {
		// The temporary file's name means nothing to the user; the one they gave does.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return &fs.PathError{Op: "create", Path: name, Err: pe.Err}
		}
		return err
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				tmp.Close()
			}
			os.Remove(tmp.Name())
		}
	}()
	if old != nil {
		if err := keepMode(tmp, old); err != nil {
			return err
		}
	}
	if _, err := tmp.Write(body); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// keepMode gives f old's permissions and owner. Only root may give a file away, so an
// owner the process may not set is left as it is: the file becomes the writer's, as
// any editor's save would make it.
func keepMode(f *os.File, old fs.FileInfo) error {
	if err := f.Chmod(old.Mode().Perm()); err != nil {
		return err
	}
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil && !errors.Is(err, fs.ErrPermission) {
		return err
	}
	return nil
}
