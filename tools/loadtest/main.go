// Command loadtest runs the API in-process on loopback and sends it concurrent render
// requests for a fixed time, then reports throughput, latency percentiles, errors and
// whether memory stayed flat (heap in use in the first and the last ten seconds). A 503
// with Retry-After is the server refusing under overload, as documented: it is counted
// as refused, not as an error, and the client sends its next request as soon as it
// has it, the hardest case for the server (loopback clients share its CPUs; the
// server answers a refusal after its RefusalDelay), or with -obey after the seconds
// Retry-After asks, as a well-behaved client does. -queue sets the server's queue (default four per client,
// so that nothing is refused); a smaller one overloads it. With
// -mix, a client sends in turn a valid case, malformed JSON, an invalid case and a valid
// case whose body arrives slowly; the run then fails only on a server error other than
// 503 (or a failed connection), and reports the statuses it saw.
//
// With -api, it sends instead requests about stored cases to running servers, with the
// key in GDPRDOCS_KEY (an editor's or an owner's): each client stores a case of its own
// and then, in turn, reads it, lists the workspace's cases, replaces it (PUT with
// If-Match), appends a breach to it (PATCH) and renders a document from it. With several
// servers sharing a database, separated by commas, a client's requests go to each in
// turn. It reports p50 and p99 by kind of request and the answers other than 2xx by
// status, and fails on any of them but a 503 to a render, and on any answer that says
// "database is locked".
//
//	go run ./tools/loadtest [-clients 64] [-duration 30s] [-format pdf] [-sample lt] [-mix] [-queue 64] [-obey]
//	GDPRDOCS_KEY=… go run ./tools/loadtest -api http://127.0.0.1:8080[,http://127.0.0.1:8081] [-clients 64] [-duration 60s]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/server"
)

func main() {
	clients := flag.Int("clients", 64, "concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "how long to send requests")
	format := flag.String("format", "pdf", "format to render")
	sample := flag.String("sample", "lt", "sample case: lt, nl or en")
	mix := flag.Bool("mix", false, "mix valid, malformed, invalid and slow bodies")
	queue := flag.Int("queue", 0, "requests the server lets wait for a render slot (default four per client)")
	obey := flag.Bool("obey", false, "after a 503, wait as long as Retry-After asks")
	api := flag.String("api", "", "base URLs of running servers, separated by commas: load them with stored cases")
	flag.Parse()
	var err error
	if *api != "" {
		key := os.Getenv("GDPRDOCS_KEY")
		if key == "" {
			fmt.Fprintln(os.Stderr, "loadtest: -api needs an API key in GDPRDOCS_KEY")
			os.Exit(2)
		}
		err = runCases(strings.Split(*api, ","), key, *clients, *duration, *format, *sample)
	} else {
		err = run(*clients, *queue, *duration, *format, *sample, *mix, *obey)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// slowReader gives its body in two halves a second apart: a slow client.
type slowReader struct {
	body  []byte
	began bool
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.body) == 0 {
		return 0, io.EOF
	}
	part := r.body
	if !r.began {
		r.began, part = true, r.body[:len(r.body)/2]
	} else {
		time.Sleep(time.Second)
	}
	n := copy(p, part)
	r.body = r.body[n:]
	return n, nil
}

// readSample is the breach sample of a language, read from the module's root.
func readSample(sample string) ([]byte, error) {
	return os.ReadFile("samples/" + sample + "-breach.json")
}

func run(clients, queue int, duration time.Duration, format, sample string, mix, obey bool) error {
	body, err := readSample(sample)
	if err != nil {
		return err
	}
	svc, err := catalog.New()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	if queue <= 0 {
		queue = 4 * clients
	}
	srv := server.New(svc, server.Config{MaxRenders: runtime.NumCPU(), QueueLength: queue},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go srv.Serve(ctx, ln) //nolint:errcheck // stopped by the context
	url := fmt.Sprintf("http://%s/v1/documents/breach-authority-notice?lang=%s&format=%s&now=2026-11-21T10:00:00Z",
		ln.Addr(), sample, format)

	transport := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: transport, Timeout: time.Minute}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
		refused   int // 503 with Retry-After
		statuses  = map[int]int{}
		heap      []uint64 // heap in use, once a second
	)
	// bodies are what a client sends, in turn: only the valid case without -mix.
	bodies := []func() io.Reader{func() io.Reader { return bytes.NewReader(body) }}
	if mix {
		bodies = append(bodies,
			func() io.Reader { return bytes.NewReader(body[:len(body)/2]) },                    // malformed: 400
			func() io.Reader { return bytes.NewReader([]byte(`{"organisation":{"name":5}}`)) }, // invalid: 422
			func() io.Reader { return &slowReader{body: body} },                                // slow: 200
		)
	}
	deadline := time.Now().Add(duration)
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for t := time.NewTicker(time.Second); ; {
			select {
			case <-done:
				t.Stop()
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				mu.Lock()
				heap = append(heap, ms.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := c; time.Now().Before(deadline); i++ {
				kind := i % len(bodies)
				start := time.Now()
				resp, err := client.Post(url, "application/json", bodies[kind]())
				status, retry := 0, ""
				if err == nil {
					status, retry = resp.StatusCode, resp.Header.Get("Retry-After")
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				statuses[status]++
				switch {
				case status == http.StatusOK && kind == 0:
					latencies = append(latencies, time.Since(start))
				case status == http.StatusServiceUnavailable && retry != "":
					refused++
				case mix && status != 0 && (status < 500 || status == http.StatusServiceUnavailable):
					// an answer the API documents for what was sent
				case status != http.StatusOK:
					errs++
				}
				mu.Unlock()
				if secs, err := strconv.Atoi(retry); obey && status == http.StatusServiceUnavailable && err == nil {
					time.Sleep(time.Duration(secs) * time.Second)
				}
			}
		})
	}
	wg.Wait()
	close(done)

	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	avg := func(xs []uint64) float64 {
		var s uint64
		for _, x := range xs {
			s += x
		}
		return float64(s) / float64(max(1, len(xs))) / (1 << 20)
	}
	window := min(10, len(heap)/3)
	fmt.Printf("%d clients, queue %d, %s, %s of the %s sample\n", clients, queue, duration, format, sample)
	fmt.Printf("requests: %d ok, %d refused (503 with Retry-After), %d errors, %.0f ok/s\n", len(latencies), refused, errs,
		float64(len(latencies))/duration.Seconds())
	fmt.Printf("latency: p50 %s, p90 %s, p99 %s, max %s (p99/p50 %.1f)\n", pct(.5), pct(.9), pct(.99),
		pct(1), float64(pct(.99))/float64(max(1, pct(.5))))
	fmt.Printf("heap in use: first %ds %.1f MiB, last %ds %.1f MiB\n", window, avg(heap[:window]), window, avg(heap[len(heap)-window:]))
	if mix {
		fmt.Printf("statuses (0: no answer): %v\n", statuses)
	}
	if errs > 0 {
		return fmt.Errorf("%d requests failed", errs)
	}
	return nil
}
