// Command sidebyside measures gdprdocs against the tools users compare it with, in one
// run on one machine: the breach notice as PDF from gdprdocs, and the same document's
// HTML printed to PDF by a warm headless Chromium (one browser kept running, as a
// rendering service keeps it), the Markdown converted to DOCX by pandoc, and the DOCX to
// PDF by LibreOffice, where those are installed. It prints medians and ratios.
//
//	go run ./tools/sidebyside [-n 30] [-sample lt]
package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/websocket"

	"github.com/gdprdocs/gdprdocs/catalog"
)

func main() {
	n := flag.Int("n", 30, "runs of each tool")
	sample := flag.String("sample", "lt", "sample case: lt, nl or en")
	flag.Parse()
	if err := run(*n, *sample); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		os.Exit(1)
	}
}

func run(n int, sample string) error {
	body, err := os.ReadFile("samples/" + sample + "-breach.json")
	if err != nil {
		return err
	}
	svc, err := catalog.New()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "sidebyside")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	render := func(f catalog.Format) ([]byte, error) {
		out, err := svc.Render(context.Background(), catalog.Request{Doc: "breach-authority-notice", Lang: sample, Format: f, Now: now}, body)
		if err != nil {
			return nil, err
		}
		return out.Body, nil
	}
	for _, f := range []catalog.Format{catalog.HTML, catalog.Markdown} {
		data, err := render(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "notice."+string(f)), data, 0o644); err != nil {
			return err
		}
	}

	ours, err := median(n, func() error { _, err := render(catalog.PDF); return err })
	if err != nil {
		return err
	}
	fmt.Printf("gdprdocs PDF (decode → validate → template → PDF): %8.2f ms\n", ms(ours))
	compare := func(name string, d time.Duration, err error) {
		switch {
		case err != nil:
			fmt.Printf("%-48s skipped: %v\n", name+":", err)
		default:
			fmt.Printf("%-48s %8.2f ms   gdprdocs is %.1f× faster\n", name+":", ms(d), float64(d)/float64(ours))
		}
	}
	d, err := chromium(n, filepath.Join(dir, "notice.html"))
	compare("Chromium print-to-PDF of the HTML (warm)", d, err)
	d, err = command(n, "pandoc", filepath.Join(dir, "notice.md"), "-o", filepath.Join(dir, "notice.docx"))
	compare("pandoc Markdown → DOCX", d, err)
	if _, statErr := os.Stat(filepath.Join(dir, "notice.docx")); statErr == nil {
		d, err = command(min(n, 5), "soffice", "--headless", "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "notice.docx"))
		compare("LibreOffice DOCX → PDF (cold)", d, err)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(n int, f func() error) (time.Duration, error) {
	if err := f(); err != nil { // warm-up
		return 0, err
	}
	times := make([]time.Duration, n)
	for i := range times {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		times[i] = time.Since(start)
	}
	slices.Sort(times)
	return times[n/2], nil
}

func command(n int, name string, args ...string) (time.Duration, error) {
	if _, err := exec.LookPath(name); err != nil {
		return 0, fmt.Errorf("%s is not installed", name)
	}
	return median(n, func() error { return exec.Command(name, args...).Run() })
}

// chromium starts one headless browser and prints the page to PDF n times in one tab,
// over the DevTools protocol, the way a warm rendering service uses it.
func chromium(n int, page string) (time.Duration, error) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		return 0, fmt.Errorf("chromium is not installed")
	}
	profile, err := os.MkdirTemp("", "chromium")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(profile)
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	// Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
	var browserWS string
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if _, url, ok := strings.Cut(sc.Text(), "DevTools listening on "); ok {
			browserWS = url
			break
		}
	}
	if browserWS == "" {
		return 0, fmt.Errorf("chromium did not open DevTools")
	}
	go func() {
		for sc.Scan() {
		}
	}()
	host := strings.TrimPrefix(browserWS, "ws://")
	host, _, _ = strings.Cut(host, "/")
	req, _ := http.NewRequest(http.MethodPut, "http://"+host+"/json/new?about:blank", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	var target struct{ WebSocketDebuggerURL string }
	err = json.NewDecoder(resp.Body).Decode(&target)
	resp.Body.Close()
	if err != nil {
		return 0, err
	}
	conn, err := websocket.Dial(target.WebSocketDebuggerURL, "", "http://localhost")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	cdp := &devtools{conn: conn}
	if _, err := cdp.call("Page.enable", nil); err != nil {
		return 0, err
	}
	return median(n, func() error {
		if _, err := cdp.call("Page.navigate", map[string]any{"url": "file://" + page}); err != nil {
			return err
		}
		if err := cdp.wait("Page.loadEventFired"); err != nil {
			return err
		}
		res, err := cdp.call("Page.printToPDF", map[string]any{"preferCSSPageSize": true})
		if err != nil {
			return err
		}
		var pdf struct{ Data string }
		if err := json.Unmarshal(res, &pdf); err != nil {
			return err
		}
		if _, err := base64.StdEncoding.DecodeString(pdf.Data); err != nil {
			return err
		}
		return nil
	})
}

// devtools is the smallest DevTools-protocol client: one call at a time.
type devtools struct {
	conn *websocket.Conn
	id   int
}

type message struct {
	ID     int             `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params any             `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

func (d *devtools) call(method string, params any) (json.RawMessage, error) {
	d.id++
	if err := websocket.JSON.Send(d.conn, message{ID: d.id, Method: method, Params: params}); err != nil {
		return nil, err
	}
	for {
		var m message
		if err := websocket.JSON.Receive(d.conn, &m); err != nil {
			return nil, err
		}
		if m.ID == d.id {
			if m.Error != nil {
				return nil, fmt.Errorf("%s: %s", method, m.Error.Message)
			}
			return m.Result, nil
		}
	}
}

func (d *devtools) wait(event string) error {
	for {
		var m message
		if err := websocket.JSON.Receive(d.conn, &m); err != nil {
			return err
		}
		if m.Method == event {
			return nil
		}
	}
}
