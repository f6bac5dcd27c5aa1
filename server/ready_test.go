package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A server is ready until a readiness check fails; the answer names the check, and its
// error goes to the log only.
func TestReady(t *testing.T) {
	s, logs := newServer(t, Config{})
	r := do(t, s, "GET", "/readyz", nil)
	if r.status != 200 || strings.TrimSpace(string(r.body)) != `{"status":"ready"}` || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("%d %q %s", r.status, r.header.Get("Cache-Control"), r.body)
	}
	if r := do(t, s, "HEAD", "/readyz", nil); r.status != 200 {
		t.Errorf("HEAD /readyz: %d", r.status)
	}
	var asked bool
	s.AddReadinessCheck("store", func(ctx context.Context) error {
		asked = true
		if _, ok := ctx.Deadline(); !ok {
			t.Error("a check runs without a deadline")
		}
		return errors.New("dial tcp 10.0.0.7:5432: connection refused")
	})
	r = do(t, s, "GET", "/readyz", nil)
	var got struct {
		Status string
		Failed []string
	}
	if err := json.Unmarshal(r.body, &got); err != nil || r.status != 503 || got.Status != "unavailable" || len(got.Failed) != 1 || got.Failed[0] != "store" {
		t.Errorf("with a failing check: %d %s", r.status, r.body)
	}
	if !asked || strings.Contains(string(r.body), "10.0.0.7") {
		t.Errorf("the check was not run, or its error reached the client: %s", r.body)
	}
	if lines := logLines(t, logs, "not ready"); len(lines) != 1 || lines[0]["check"] != "store" || !strings.Contains(lines[0]["error"].(string), "connection refused") {
		t.Errorf("log: %v", lines)
	}
	if r := do(t, s, "GET", "/healthz", nil); r.status != 200 {
		t.Errorf("a server that is not ready is still alive: /healthz %d", r.status)
	}
}

// From the moment shutdown begins, /readyz answers 503 while the server goes on serving
// for Config.ShutdownDelay, so that a load balancer can take it out before it stops.
func TestNotReadyWhileShuttingDown(t *testing.T) {
	s, _ := newServer(t, Config{ShutdownDelay: time.Second})
	ln, cancel, done := serving(t, s)
	url := "http://" + ln.Addr().String()
	get := func(path string) int {
		t.Helper()
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("/readyz"); code != 200 {
		t.Fatalf("/readyz before shutdown: %d", code)
	}
	began := time.Now()
	cancel()
	for get("/readyz") != 503 {
		if time.Since(began) > 500*time.Millisecond {
			t.Fatal("/readyz still ready after shutdown began")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if code := get("/healthz"); code != 200 {
		t.Errorf("/healthz while draining: %d", code)
	}
	resp, err := http.Post(url+"/v1/documents/breach-authority-notice?lang=en&format=md", "application/json", strings.NewReader(string(sample(t, "nl"))))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("a render while draining: %d", resp.StatusCode)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
		if took := time.Since(began); took < time.Second {
			t.Errorf("stopped %v after shutdown began, before the delay", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
	}
}
