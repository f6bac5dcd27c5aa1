package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/websocket"
)

// chromium is one headless browser kept running, printing pages to PDF in one tab over
// the DevTools protocol, the way a warm rendering service uses it.
type chromium struct {
	cmd     *exec.Cmd
	profile string
	cdp     *devtools
}

func startChromium() (*chromium, error) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		return nil, fmt.Errorf("not installed")
	}
	profile, err := os.MkdirTemp("", "chromium")
	if err != nil {
		return nil, err
	}
	c := &chromium{profile: profile}
	c.cmd = exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank")
	stderr, err := c.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	if err := c.connect(bufio.NewScanner(stderr)); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// connect reads the browser's DevTools address from its log ("DevTools listening on
// ws://127.0.0.1:PORT/devtools/browser/ID"), opens a tab and attaches to it.
func (c *chromium) connect(log *bufio.Scanner) error {
	var browserWS string
	for log.Scan() {
		if _, url, ok := strings.Cut(log.Text(), "DevTools listening on "); ok {
			browserWS = url
			break
		}
	}
	if browserWS == "" {
		return fmt.Errorf("chromium did not open DevTools")
	}
	go func() {
		for log.Scan() {
		}
	}()
	host, _, _ := strings.Cut(strings.TrimPrefix(browserWS, "ws://"), "/")
	req, err := http.NewRequest(http.MethodPut, "http://"+host+"/json/new?about:blank", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	var target struct{ WebSocketDebuggerURL string }
	err = json.NewDecoder(resp.Body).Decode(&target)
	resp.Body.Close()
	if err != nil {
		return err
	}
	conn, err := websocket.Dial(target.WebSocketDebuggerURL, "", "http://localhost")
	if err != nil {
		return err
	}
	c.cdp = &devtools{conn: conn}
	_, err = c.cdp.call("Page.enable", nil)
	return err
}

// print loads the page and prints it to PDF.
func (c *chromium) print(page string) error {
	if _, err := c.cdp.call("Page.navigate", map[string]any{"url": "file://" + page}); err != nil {
		return err
	}
	if err := c.cdp.wait("Page.loadEventFired"); err != nil {
		return err
	}
	res, err := c.cdp.call("Page.printToPDF", map[string]any{"preferCSSPageSize": true})
	if err != nil {
		return err
	}
	var out struct{ Data string }
	if err := json.Unmarshal(res, &out); err != nil {
		return err
	}
	_, err = base64.StdEncoding.DecodeString(out.Data)
	return err
}

// cpuTime is the CPU time the browser's processes have used, user and system: the
// browser and every process it started (renderer, GPU, utilities), read from /proc.
func (c *chromium) cpuTime() time.Duration {
	parent := map[int]int{}
	ticks := map[int]int64{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// The command name is in parentheses and may hold spaces; fields follow it.
		end := strings.LastIndexByte(string(data), ')')
		if end < 0 {
			continue
		}
		fields := strings.Fields(string(data[end+1:]))
		if len(fields) < 13 {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
		parent[pid], _ = strconv.Atoi(fields[1])
		utime, _ := strconv.ParseInt(fields[11], 10, 64)
		stime, _ := strconv.ParseInt(fields[12], 10, 64)
		ticks[pid] = utime + stime
	}
	root := c.cmd.Process.Pid
	var total int64
	for pid, t := range ticks {
		for p := pid; p > 1; p = parent[p] {
			if p == root {
				total += t
				break
			}
		}
	}
	// The kernel counts in clock ticks of 1/100 s on Linux.
	return time.Duration(total) * 10 * time.Millisecond
}

func (c *chromium) close() {
	if c.cdp != nil {
		c.cdp.conn.Close()
	}
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
	os.RemoveAll(c.profile)
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
