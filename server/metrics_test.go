package server

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads GET /metrics of s as Prometheus reads it, in the text format.
func scrape(t *testing.T, s *Server) map[string]*dto.MetricFamily {
	t.Helper()
	r := do(t, s, "GET", "/metrics", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics: %d %q", r.status, r.header.Get("Content-Type"))
	}
	return parseMetrics(t, r.body)
}

func parseMetrics(t *testing.T, body []byte) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("exposition does not parse: %v\n%s", err, body)
	}
	return fams
}

// metric is the metric of family name whose labels include labels, or nil.
func metric(fams map[string]*dto.MetricFamily, name string, labels ...string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.GetMetric() {
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, l := range m.GetLabel() {
				if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		return m
	}
	return nil
}

// value is the value of a counter or gauge, 0 when it is absent.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	m := metric(fams, name, labels...)
	switch {
	case m == nil:
		return 0
	case m.Counter != nil:
		return m.GetCounter().GetValue()
	}
	return m.GetGauge().GetValue()
}

// A render shows in the scrape: its duration under its document and format, its
// request under the route pattern and status; what the client typed never becomes a label.
func TestMetrics(t *testing.T) {
	s, _ := newServer(t, Config{MaxRenders: 3, QueueLength: 7})
	const doc = "/v1/documents/breach-authority-notice?lang=lt"
	for _, target := range []string{doc + "&format=pdf", doc + "&format=md", doc + "&format=md"} {
		if r := do(t, s, "POST", target, sample(t, "lt")); r.status != 200 {
			t.Fatalf("%s: %d %s", target, r.status, r.body)
		}
	}
	if r := do(t, s, "POST", "/v1/documents/Jansen-BSN-123456782", sample(t, "lt")); r.status != 404 {
		t.Fatalf("unknown document: %d", r.status)
	}
	if r := do(t, s, "GET", "/v1/Jansen/BSN", nil); r.status != 404 {
		t.Fatalf("unknown route: %d", r.status)
	}
	if r := do(t, s, "JANSEN", "/healthz", nil); r.status != 405 {
		t.Fatalf("unknown method: %d", r.status)
	}
	if r := do(t, s, "HEAD", "/metrics", nil); r.status != 200 {
		t.Errorf("HEAD /metrics: %d", r.status)
	}
	fams := scrape(t, s)

	pdf := metric(fams, "gdprdocs_render_duration_seconds", "document", "breach-authority-notice", "format", "pdf")
	if pdf == nil || pdf.GetHistogram().GetSampleCount() != 1 || pdf.GetHistogram().GetSampleSum() <= 0 {
		t.Errorf("PDF render duration: %v", pdf)
	}
	if md := metric(fams, "gdprdocs_render_duration_seconds", "document", "breach-authority-notice", "format", "md"); md.GetHistogram().GetSampleCount() != 2 {
		t.Errorf("Markdown render duration: %v", md)
	}
	if n := len(fams["gdprdocs_render_duration_seconds"].GetMetric()); n != 2 {
		t.Errorf("%d render series, want 2: a refused render is not measured", n)
	}
	for _, tt := range []struct {
		route, method, code string
		want                float64
	}{
		{"/v1/documents/:id", "POST", "200", 3},
		{"/v1/documents/:id", "POST", "404", 1},
		{unmatchedRoute, "GET", "404", 1},
		{"/healthz", "other", "405", 1},
	} {
		if got := value(fams, "gdprdocs_http_requests_total", "route", tt.route, "method", tt.method, "code", tt.code); got != tt.want {
			t.Errorf("requests %s %s %s: %v, want %v", tt.method, tt.route, tt.code, got, tt.want)
		}
	}
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if strings.Contains(strings.ToLower(l.GetValue()), "jansen") {
					t.Errorf("%s has the label %s=%q from the client", name, l.GetName(), l.GetValue())
				}
			}
		}
	}
	if value(fams, "gdprdocs_render_slots") != 3 || value(fams, "gdprdocs_render_queue_capacity") != 7 {
		t.Error("the render limits are not exposed")
	}
	for _, name := range []string{"go_goroutines", "process_start_time_seconds", "gdprdocs_renders_in_flight", "gdprdocs_render_queue_depth"} {
		if fams[name] == nil {
			t.Errorf("no %s", name)
		}
	}

	// Every server has a registry of its own.
	other, _ := newServer(t, Config{})
	if m := metric(scrape(t, other), "gdprdocs_render_duration_seconds"); m != nil {
		t.Errorf("a new server shows another's renders: %v", m)
	}
}

// Each request turned away at a limit is counted under its reason.
func TestRejections(t *testing.T) {
	tests := []struct {
		reason string
		cfg    Config
		hold   bool
		target string
		status int
	}{
		{rejectQueueFull, Config{MaxRenders: 1, QueueLength: -1}, true, "/v1/documents/breach-authority-notice?lang=en", 503},
		{rejectTimeout, Config{MaxRenders: 1, RenderTimeout: 10 * time.Millisecond}, true, "/v1/breaches/assess?lang=en", 503},
		{rejectTimeout, Config{RenderTimeout: time.Nanosecond}, false, "/v1/documents/breach-authority-notice?lang=en", 503},
		{rejectBodyTooLarge, Config{BodyLimit: 10}, false, "/v1/documents/breach-authority-notice?lang=en", 413},
	}
	for _, tt := range tests {
		s, _ := newServer(t, tt.cfg)
		if tt.hold {
			if err := s.renders.acquire(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if r := do(t, s, "POST", tt.target, sample(t, "nl")); r.status != tt.status {
			t.Errorf("%s: %d %s", tt.reason, r.status, r.body)
		}
		fams := scrape(t, s)
		for _, reason := range []string{rejectQueueFull, rejectTimeout, rejectClientGone, rejectBodyTooLarge, rejectBodyTimeout} {
			want := 0.0
			if reason == tt.reason {
				want = 1
			}
			if m := metric(fams, "gdprdocs_http_rejections_total", "reason", reason); m == nil || m.GetCounter().GetValue() != want {
				t.Errorf("%s: rejections for %s: %v, want %v", tt.reason, reason, m, want)
			}
		}
		if tt.hold {
			s.renders.release()
		}
	}
}

// rejection names every limit a request can be turned away at, and nothing else.
func TestRejectionReason(t *testing.T) {
	for err, want := range map[error]string{
		nil:                      "",
		errQueueFull:             rejectQueueFull,
		context.DeadlineExceeded: rejectTimeout,
		context.Canceled:         rejectClientGone,
		errClientGone:            rejectClientGone,
		errBodyTimeout:           rejectBodyTimeout,
		&http.MaxBytesError{}:    rejectBodyTooLarge,
		errNotJSON:               "",
		errPanic:                 "",
	} {
		if got := rejection(err); got != want {
			t.Errorf("rejection(%v) = %q, want %q", err, got, want)
		}
	}
}

// With every slot and the queue taken, /metrics and /readyz still answer at once and
// show the render waiting; neither takes a slot or a place in the queue.
func TestMetricsUnderLoad(t *testing.T) {
	s, _ := newServer(t, Config{MaxRenders: 1, QueueLength: 1})
	if err := s.renders.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan response)
	go func() { waiting <- do(t, s, "POST", "/v1/documents/breach-authority-notice?lang=en", sample(t, "nl")) }()
	var fams map[string]*dto.MetricFamily
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		fams = scrape(t, s)
		if value(fams, "gdprdocs_render_queue_depth") == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the waiting render never shows in the queue depth")
		}
	}
	if got := value(fams, "gdprdocs_renders_in_flight"); got != 1 {
		t.Errorf("in flight %v, want 1", got)
	}
	if r := do(t, s, "GET", "/readyz", nil); r.status != 200 {
		t.Errorf("/readyz under load: %d %s", r.status, r.body)
	}
	if r := do(t, s, "POST", "/v1/breaches/assess?lang=en", sample(t, "nl")); r.status != 503 {
		t.Errorf("a render past the full queue: %d", r.status)
	}
	s.renders.release()
	if r := <-waiting; r.status != 200 {
		t.Errorf("the waiting render: %d", r.status)
	}
	fams = scrape(t, s)
	if value(fams, "gdprdocs_render_queue_depth") != 0 || value(fams, "gdprdocs_renders_in_flight") != 0 {
		t.Error("the gauges do not fall back to 0")
	}
}

// With Config.MetricsAddr the measurements are served there, and only there.
func TestMetricsAddr(t *testing.T) {
	s, _ := newServer(t, Config{MetricsAddr: "127.0.0.1:0"})
	listen := func() net.Listener {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		return ln
	}
	ln, mln := listen(), listen()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx, ln, mln) }()
	get := func(addr net.Addr, path string) (int, []byte) {
		t.Helper()
		resp, err := http.Get("http://" + addr.String() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, body
	}
	if code, _ := get(ln.Addr(), "/healthz"); code != 200 {
		t.Fatalf("API /healthz: %d", code)
	}
	if code, _ := get(ln.Addr(), "/metrics"); code != 404 {
		t.Errorf("API /metrics: %d, want 404", code)
	}
	code, body := get(mln.Addr(), "/metrics")
	if code != 200 || value(parseMetrics(t, body), "gdprdocs_http_requests_total", "route", "/metrics", "code", "404") != 1 {
		t.Errorf("metrics listener /metrics: %d\n%s", code, body)
	}
	if code, _ := get(mln.Addr(), "/healthz"); code != 404 {
		t.Errorf("metrics listener /healthz: %d, want 404", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
	}
	if _, err := http.Get("http://" + mln.Addr().String() + "/metrics"); err == nil {
		t.Error("the metrics listener still answers after shutdown")
	}
}

// A metrics address that cannot be listened on stops the server, naming it.
func TestMetricsAddrBusy(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	s, _ := newServer(t, Config{MetricsAddr: taken.Addr().String()})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Serve(context.Background(), ln); err == nil || !strings.Contains(err.Error(), "metrics address") {
		t.Errorf("Serve: %v", err)
	}
}
