package server

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// With every slot taken and the queue full, a render is refused at once, before its
// body is parsed: a client whose body never arrives gets its 503 with Retry-After
// without the server waiting for it (beyond discardWait), and its connection is closed;
// a client whose whole body came keeps its connection for its next request.
func TestFullQueueRefusesBeforeTheBody(t *testing.T) {
	s, _ := newServer(t, Config{MaxRenders: 1, QueueLength: -1})
	if err := s.renders.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.renders.release()
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Config.ReadTimeout = time.Minute
	ts.Start()
	defer ts.Close()
	dial := func() (net.Conn, *bufio.Reader) {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		// Far below the read timeout: an answer that waited for the body would miss it.
		if err := conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
			t.Fatal(err)
		}
		return conn, bufio.NewReader(conn)
	}
	post := "POST /v1/documents/breach-authority-notice?lang=en HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
	refused := func(name string, r *bufio.Reader) {
		t.Helper()
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		rr := response{status: resp.StatusCode, header: resp.Header, body: body}
		if rr.status != 503 || rr.header.Get("Retry-After") == "" || decodeProblem(t, rr).Code != "busy" {
			t.Errorf("%s: %d %s", name, rr.status, body)
		}
	}

	stalled, r := dial()
	defer stalled.Close()
	if _, err := io.WriteString(stalled, post+"Content-Length: 100000\r\n\r\n{\"organisation\": "); err != nil {
		t.Fatal(err)
	}
	refused("body that never arrives", r)
	if _, err := io.ReadAll(r); err != nil {
		t.Errorf("the connection of a refusal whose body did not come is not closed: %v", err)
	}

	// A client that waits to be asked for its body is refused without being asked.
	waiting, r := dial()
	defer waiting.Close()
	if _, err := io.WriteString(waiting, post+"Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// (An answer of 100 Continue would fail here, as would a refusal that waited.)
	refused("body waiting for 100 Continue", r)

	whole, r := dial()
	defer whole.Close()
	body := sample(t, "nl")
	if _, err := io.WriteString(whole, post+"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+string(body)); err != nil {
		t.Fatal(err)
	}
	refused("whole body", r)
	if _, err := io.WriteString(whole, post+"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+string(body)); err != nil {
		t.Fatal(err)
	}
	refused("the same connection's next request", r)
}

// A refusal waits RefusalDelay for its 503, so that a client retrying at once sends a
// few requests a second, not thousands.
func TestRefusalIsPaced(t *testing.T) {
	const delay = 300 * time.Millisecond
	s, _ := newServer(t, Config{MaxRenders: 1, QueueLength: -1, RefusalDelay: delay})
	if err := s.renders.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.renders.release()
	start := time.Now()
	r := do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=en", sample(t, "nl"))
	if took := time.Since(start); r.status != 503 || took < delay {
		t.Errorf("refused with %d after %s; want 503 after %s", r.status, took, delay)
	}

	// A body that does not come cancels the request's context when its short wait
	// ends; the refusal still waits its delay.
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start = time.Now()
	if _, err := io.WriteString(conn, "POST /v1/documents/breach-authority-notice?lang=en HTTP/1.1\r\nHost: test\r\n"+
		"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if took := time.Since(start); resp.StatusCode != 503 || took < delay {
		t.Errorf("a stalled body refused with %d after %s; want 503 after %s", resp.StatusCode, took, delay)
	}
}

// safeBuffer is a log destination that the summary's timer and the test may share.
type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) snapshot() *bytes.Buffer {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.NewBuffer(bytes.Clone(b.buf.Bytes()))
}

// A burst of refusals is logged as one WARN line with their count, at the end of the
// window, and no line each; the metrics count every one.
func TestRefusalsAreLoggedSummed(t *testing.T) {
	var logs safeBuffer
	s := New(svc, Config{MaxRenders: 1, QueueLength: -1, RefusalDelay: -1}, slog.New(slog.NewJSONHandler(&logs, nil)))
	s.refused.window = 50 * time.Millisecond
	if err := s.renders.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.renders.release()
	const burst = 25
	for range burst {
		if r := do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=en", sample(t, "nl")); r.status != 503 {
			t.Fatalf("status %d", r.status)
		}
	}
	if got := value(scrape(t, s), "gdprdocs_http_rejections_total", "reason", rejectQueueFull); got != burst {
		t.Errorf("rejections counted: %v, want %d", got, burst)
	}
	var lines []map[string]any
	for deadline := time.Now().Add(5 * time.Second); len(lines) == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		lines = logLines(t, logs.snapshot(), "requests refused")
	}
	if len(lines) != 1 || lines[0]["level"] != "WARN" || lines[0]["reason"] != rejectQueueFull || lines[0]["count"] != float64(burst) {
		t.Errorf("summary %v in %s", lines, logs.snapshot())
	}
	for _, l := range logLines(t, logs.snapshot(), "request") {
		if l["status"] == float64(503) {
			t.Errorf("a refusal logged on its own: %v", l)
		}
	}

	// The next burst is the next window's.
	do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=en", sample(t, "nl"))
	s.refused.flush()
	if lines = logLines(t, logs.snapshot(), "requests refused"); len(lines) != 2 || lines[1]["count"] != float64(1) {
		t.Errorf("second window %v", lines)
	}
}
