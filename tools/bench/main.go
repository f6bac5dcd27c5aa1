// Command bench measures what a document costs, in one run on one machine: for every
// document of the catalogue in every format it offers, the CPU time, bytes and
// allocations of a render (the whole pipeline: decode, validate, template, format);
// for the PDFs, the same measure for a warm headless Chromium printing the document's
// HTML (one browser kept running, as a rendering service keeps it; its CPU read from
// its processes) and for raw fpdf writing the same text with its own UTF-8 fonts; and
// the fixed cost of a PDF. The three are measured in turns, round after round, so that
// the machine's drift touches them alike; it prints each one's median.
//
//	go run ./tools/bench [-rounds 5] [-batch 200ms] [-doc ID] [-lang lt] [-chromium=false]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/generators"
	"github.com/gdprdocs/gdprdocs/generators/pdf"
)

func main() {
	rounds := flag.Int("rounds", 5, "rounds of measurements; each prints the median")
	batch := flag.Duration("batch", 200*time.Millisecond, "CPU time each measurement runs for, at least")
	only := flag.String("doc", "", "measure this document alone")
	lang := flag.String("lang", "lt", "language of the documents")
	withChromium := flag.Bool("chromium", true, "compare with Chromium when it is installed")
	flag.Parse()
	if err := run(*rounds, *batch, *only, *lang, *withChromium); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// now is the moment every document is made at.
var now = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

// samples are tried in turn for each document; the first that renders is measured,
// so the long documents come from the largest case.
var samples = []string{"lt-clinic", "lt-breach", "nl-breaches", "en-processor", "en-policy"}

// subject is one thing measured: a function, the clock of the CPU time it spends, and
// its measurements over the rounds.
type subject struct {
	name   string
	run    func() error
	clock  func() time.Duration
	n      int // runs per measurement, set by calibrate
	cpu    []float64
	bytes  []float64
	allocs []float64
}

// row is a document in a format, with its comparisons when it is a PDF.
type row struct {
	doc, format     string
	ours            *subject
	chromium, fpdf  *subject
	chromiumSkipped string
}

func run(rounds int, batch time.Duration, only, lang string, withChromium bool) error {
	svc, err := catalog.New()
	if err != nil {
		return err
	}
	fonts, err := pdf.LoadFonts()
	if err != nil {
		return err
	}
	ttf := map[string][]byte{}
	for style, name := range map[string]string{"": "NotoSans-Regular", "B": "NotoSans-Bold"} {
		if ttf[style], err = os.ReadFile(filepath.Join("generators", "pdf", "fonts", name+".ttf")); err != nil {
			return fmt.Errorf("%w (run from the repository's root)", err)
		}
	}
	dir, err := os.MkdirTemp("", "gdprdocs-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	var browser *chromium
	skipped := ""
	if withChromium {
		if browser, err = startChromium(); err != nil {
			skipped = err.Error()
		} else {
			defer browser.close()
		}
	} else {
		skipped = "not asked for"
	}

	var rows []*row
	for _, doc := range catalog.Documents {
		if only != "" && doc.ID != only {
			continue
		}
		body, err := firstSample(svc, doc.ID, lang)
		if err != nil {
			return err
		}
		for _, f := range doc.Formats {
			req := catalog.Request{Doc: doc.ID, Lang: lang, Format: f, Now: now}
			r := &row{doc: doc.ID, format: string(f), ours: &subject{name: "gdprdocs", clock: cpuTime, run: func() error {
				_, err := svc.Render(context.Background(), req, body)
				return err
			}}}
			if f == catalog.PDF {
				md, err := renderTo(svc, doc.ID, lang, catalog.Markdown, body)
				if err != nil {
					return err
				}
				r.fpdf = &subject{name: "fpdf", clock: cpuTime, run: func() error { return rawFpdf(ttf, string(md)) }}
				if browser == nil {
					r.chromiumSkipped = skipped
				} else {
					html, err := renderTo(svc, doc.ID, lang, catalog.HTML, body)
					if err != nil {
						return err
					}
					page := filepath.Join(dir, doc.ID+".html")
					if err := os.WriteFile(page, html, 0o600); err != nil {
						return err
					}
					r.chromium = &subject{name: "chromium", clock: browser.cpuTime, run: func() error { return browser.print(page) }}
				}
			}
			rows = append(rows, r)
		}
	}
	fixedSrc := []byte("# Antraštė\n\nTekstas.")
	fixedDoc := generators.Parse(fixedSrc)
	renderer := pdf.New(fonts, pdf.DefaultLayout)
	fixed := &subject{name: "fixed cost", clock: cpuTime, run: func() error {
		return renderer.Render(context.Background(), io.Discard, fixedSrc, fixedDoc, pdf.Meta{Title: "T", Lang: lang})
	}}

	all := []*subject{fixed}
	for _, r := range rows {
		all = append(all, r.ours)
		if r.fpdf != nil {
			all = append(all, r.fpdf)
		}
		if r.chromium != nil {
			all = append(all, r.chromium)
		}
	}
	fmt.Fprintf(os.Stderr, "calibrating %d measurements…\n", len(all))
	for _, s := range all {
		if err := calibrate(s, batch); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	for i := range rounds {
		fmt.Fprintf(os.Stderr, "round %d of %d…\n", i+1, rounds)
		for _, s := range all {
			if err := measure(s); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
	}

	fmt.Printf("%s, %d CPUs, %s; %d rounds, medians; CPU time per document, all threads\n\n",
		runtime.Version(), runtime.NumCPU(), runtime.GOARCH, rounds)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "document\tformat\tCPU ms/op\tKB/op\tallocs/op\tChromium ms/op\tChromium ÷ ours\tours ÷ fpdf\t")
	for _, r := range rows {
		ours := median(r.ours.cpu)
		line := fmt.Sprintf("%s\t%s\t%.2f\t%.0f\t%.0f\t", r.doc, r.format, ours, median(r.ours.bytes)/1024, median(r.ours.allocs))
		switch {
		case r.chromium != nil:
			c := median(r.chromium.cpu)
			line += fmt.Sprintf("%.1f\t%.0f×\t", c, c/ours)
		case r.format == "pdf":
			line += "–\t–\t"
		default:
			line += "\t\t"
		}
		if r.fpdf != nil {
			line += fmt.Sprintf("%.2f\t", ours/median(r.fpdf.cpu))
		} else {
			line += "\t"
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Printf("\nfixed cost of a PDF (a heading and a line: two styles): %.3f ms/op, %.0f KB/op, %.0f allocs/op\n",
		median(fixed.cpu), median(fixed.bytes)/1024, median(fixed.allocs))
	if skipped != "" {
		fmt.Printf("Chromium: %s\n", skipped)
	} else {
		fmt.Println("Chromium: warm headless browser, Page.printToPDF of the document's HTML; CPU of all its processes")
	}
	fmt.Println("fpdf: the document's Markdown lines written with MultiCell in two UTF-8 styles, same page and type")
	return nil
}

// firstSample returns the first sample case the document renders from.
func firstSample(svc *catalog.Service, doc, lang string) ([]byte, error) {
	for _, name := range samples {
		body, err := os.ReadFile(filepath.Join("samples", name+".json"))
		if err != nil {
			return nil, fmt.Errorf("%w (run from the repository's root)", err)
		}
		if _, err := renderTo(svc, doc, lang, catalog.Markdown, body); err == nil {
			return body, nil
		}
	}
	// A workbook-only document (the registers) renders from the largest case.
	for _, name := range samples {
		body, _ := os.ReadFile(filepath.Join("samples", name+".json"))
		if _, err := svc.Render(context.Background(), catalog.Request{Doc: doc, Lang: lang, Format: catalog.XLSX, Now: now}, body); err == nil {
			return body, nil
		}
	}
	return nil, fmt.Errorf("no sample renders %s", doc)
}

func renderTo(svc *catalog.Service, doc, lang string, f catalog.Format, body []byte) ([]byte, error) {
	out, err := svc.Render(context.Background(), catalog.Request{Doc: doc, Lang: lang, Format: f, Now: now}, body)
	if err != nil {
		return nil, err
	}
	return out.Body, nil
}

// calibrate sets how many runs make one measurement of at least batch of CPU time.
func calibrate(s *subject, batch time.Duration) error {
	if err := s.run(); err != nil { // warm-up
		return err
	}
	s.n = 1
	for {
		start := s.clock()
		for range s.n {
			if err := s.run(); err != nil {
				return err
			}
		}
		spent := s.clock() - start
		if spent >= batch || s.n >= 1<<16 {
			return nil
		}
		if spent <= 0 {
			s.n *= 10
			continue
		}
		s.n = max(s.n+1, int(float64(s.n)*float64(batch)/float64(spent)*1.1))
	}
}

// measure runs s's batch once and records its CPU time, bytes and allocations per run
// (the allocations of this process: none for Chromium's).
func measure(s *subject) error {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := s.clock()
	for range s.n {
		if err := s.run(); err != nil {
			return err
		}
	}
	spent := s.clock() - start
	runtime.ReadMemStats(&after)
	n := float64(s.n)
	s.cpu = append(s.cpu, float64(spent)/float64(time.Millisecond)/n)
	s.bytes = append(s.bytes, float64(after.TotalAlloc-before.TotalAlloc)/n)
	s.allocs = append(s.allocs, float64(after.Mallocs-before.Mallocs)/n)
	return nil
}

// cpuTime is the CPU time this process has used, user and system, all threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	return s[len(s)/2]
}

// rawFpdf writes the Markdown's text with fpdf alone, on the renderer's pages and type
// sizes: headings bold, every other line a justified paragraph, no Markdown parsing.
func rawFpdf(ttf map[string][]byte, md string) error {
	l := pdf.DefaultLayout
	const ptToMM = 25.4 / 72
	body, heading := l.BodySize*l.LineHeight*ptToMM, 12.5*l.LineHeight*ptToMM
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(l.Margin, l.Top, l.Margin)
	p.SetAutoPageBreak(true, l.Bottom)
	p.AddUTF8FontFromBytes("noto", "", ttf[""])
	p.AddUTF8FontFromBytes("noto", "B", ttf["B"])
	p.AddPage()
	unescape := strings.NewReplacer("**", "", "\\", "")
	for line := range strings.SplitSeq(md, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			p.SetFont("noto", "B", 12.5)
			p.Ln(heading * 0.8)
			p.MultiCell(0, heading, strings.TrimLeft(line, "# "), "", "L", false)
		case line != "":
			p.SetFont("noto", "", l.BodySize)
			p.MultiCell(0, body, unescape.Replace(line), "", "J", false)
			p.Ln(body * 0.5)
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return err
	}
	if buf.Len() == 0 {
		return errors.New("fpdf wrote nothing")
	}
	return nil
}
