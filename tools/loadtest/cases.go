package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The kinds of request of a stored-case run, in the order each client sends them.
var caseKinds = []string{"get", "list", "put", "get", "patch", "render"}

// caseRun is a stored-case run: what a client of the API does with a workspace's
// cases, against one server or several sharing a database.
type caseRun struct {
	apis     []string // the servers' base URLs, taken in turn
	key      string
	clients  int
	duration time.Duration
	format   string
	sample   string
	base     []byte // the sample case, which each client stores and puts back
	breach   []byte // a breach of the sample, appended by each patch under a new reference

	mu        sync.Mutex
	latencies map[string][]time.Duration // answered with a 2xx, by kind
	failures  map[string]map[int]int     // by kind and status (0: no answer)
	locked    int                        // answers that say "database is locked"
}

// runCases has each client store a case of its own, then read it, list the workspace's
// cases, replace the case (PUT with If-Match), append a breach to it (PATCH) and render
// a document from it, in turn, for the duration. Each request goes to the next server
// of apis, so that with several, each write's If-Match comes from an answer of another
// server. Every answer but a 2xx counts as a failure, except 503 to a render (a full
// render queue, which the API documents); an answer that says "database is locked"
// fails the run whatever its status.
func runCases(apis []string, key string, clients int, duration time.Duration, format, sample string) error {
	body, err := readSample(sample)
	if err != nil {
		return err
	}
	var c map[string]json.RawMessage
	if err := json.Unmarshal(body, &c); err != nil {
		return fmt.Errorf("sample %s: %w", sample, err)
	}
	var breaches []map[string]any
	if err := json.Unmarshal(c["breaches"], &breaches); err != nil || len(breaches) == 0 {
		return fmt.Errorf("sample %s has no breach to append", sample)
	}
	breach, err := json.Marshal(breaches[0])
	if err != nil {
		return err
	}
	r := &caseRun{apis: apis, key: key, clients: clients, duration: duration, format: format, sample: sample,
		base: body, breach: breach, latencies: map[string][]time.Duration{}, failures: map[string]map[int]int{}}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: time.Minute}

	ids := make([]string, clients)
	for i := range ids {
		status, header, answer := r.do(client, "create", http.MethodPost, r.api(i)+"/v1/cases?name="+
			url.QueryEscape(fmt.Sprintf("loadtest %d %d", time.Now().Unix(), i)), "application/json", "", body)
		if status != http.StatusCreated {
			return fmt.Errorf("storing the case of client %d: %d %s", i, status, answer)
		}
		ids[i] = strings.TrimPrefix(header.Get("Location"), "/v1/cases/")
	}
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() { r.client(client, c, ids[c], deadline) })
	}
	wg.Wait()
	return r.report()
}

func (r *caseRun) api(i int) string { return r.apis[i%len(r.apis)] }

// client sends its requests about case id until the deadline. It follows the case's
// revision from the ETags of its answers; after a failed write it reads the case again.
func (r *caseRun) client(client *http.Client, c int, id string, deadline time.Time) {
	rev := `"1"`
	path := "/v1/cases/" + id
	render := fmt.Sprintf("%s/documents/breach-authority-notice?lang=%s&format=%s&now=2026-11-21T10:00:00Z",
		path, r.sample, r.format)
	for i := 0; time.Now().Before(deadline); i++ {
		api := r.api(c + i)
		switch kind := caseKinds[i%len(caseKinds)]; kind {
		case "get":
			if status, h, _ := r.do(client, kind, http.MethodGet, api+path, "", "", nil); status == http.StatusOK {
				rev = h.Get("ETag")
			}
		case "list":
			r.do(client, kind, http.MethodGet, api+"/v1/cases?limit=20", "", "", nil)
		case "put":
			if status, h, _ := r.do(client, kind, http.MethodPut, api+path, "application/json", rev, r.base); status == http.StatusOK {
				rev = h.Get("ETag")
			}
		case "patch":
			breach := bytes.Replace(r.breach, []byte(`"reference":"`), fmt.Appendf(nil, `"reference":"LOAD-%d-%d-`, c, i), 1)
			patch := fmt.Appendf(nil, `[{"op":"add","path":"/breaches/-","value":%s}]`, breach)
			if status, h, _ := r.do(client, kind, http.MethodPatch, api+path, "application/json-patch+json", rev, patch); status == http.StatusOK {
				rev = h.Get("ETag")
			}
		case "render":
			r.do(client, kind, http.MethodGet, api+render, "", "", nil)
		}
	}
}

// do sends one request and records its answer under kind.
func (r *caseRun) do(client *http.Client, kind, method, target, contentType, ifMatch string, body []byte) (int, http.Header, []byte) {
	req, err := http.NewRequest(method, target, bytes.NewReader(body))
	if err != nil {
		panic(err) // the URLs are built here
	}
	req.Header.Set("Authorization", "Bearer "+r.key)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	start := time.Now()
	res, err := client.Do(req)
	status, header, answer := 0, http.Header(nil), []byte(nil)
	if err == nil {
		answer, err = io.ReadAll(res.Body)
		res.Body.Close()
		if err == nil {
			status, header = res.StatusCode, res.Header
		}
	}
	took := time.Since(start)
	r.mu.Lock()
	defer r.mu.Unlock()
	if bytes.Contains(answer, []byte("database is locked")) {
		r.locked++
	}
	switch {
	case status/100 == 2:
		r.latencies[kind] = append(r.latencies[kind], took)
	default:
		if r.failures[kind] == nil {
			r.failures[kind] = map[int]int{}
		}
		r.failures[kind][status]++
	}
	return status, header, answer
}

// report prints the requests, latencies and failures by kind, and answers an error
// if the run failed.
func (r *caseRun) report() error {
	fmt.Printf("%d clients, %s, %s against %s\n", r.clients, r.duration, strings.Join(unique(caseKinds), ", "),
		strings.Join(r.apis, " and "))
	total, failed := 0, 0
	for _, kind := range append([]string{"create"}, unique(caseKinds)...) {
		l := r.latencies[kind]
		slices.Sort(l)
		pct := func(p float64) time.Duration {
			if len(l) == 0 {
				return 0
			}
			return l[min(len(l)-1, int(p*float64(len(l))))].Round(100 * time.Microsecond)
		}
		total += len(l)
		line := fmt.Sprintf("%-7s %7d ok  p50 %-9s p99 %-9s max %-9s", kind, len(l), pct(.5), pct(.99), pct(1))
		if f := r.failures[kind]; len(f) > 0 {
			statuses := make([]int, 0, len(f))
			for s := range f {
				statuses = append(statuses, s)
			}
			slices.Sort(statuses)
			var parts []string
			for _, s := range statuses {
				parts = append(parts, strconv.Itoa(f[s])+"×"+strconv.Itoa(s))
				if !(kind == "render" && s == http.StatusServiceUnavailable) {
					failed += f[s]
				}
			}
			line += "  not 2xx (count×status, 0: no answer): " + strings.Join(parts, " ")
		}
		fmt.Println(line)
	}
	fmt.Printf("answered with a 2xx: %d, %.0f/s; failed: %d; \"database is locked\": %d\n", total,
		float64(total)/r.duration.Seconds(), failed, r.locked)
	if failed > 0 || r.locked > 0 {
		return fmt.Errorf("%d requests failed, %d said the database is locked", failed, r.locked)
	}
	return nil
}

// unique is kinds without repeats, in order.
func unique(kinds []string) []string {
	var u []string
	for _, k := range kinds {
		if !slices.Contains(u, k) {
			u = append(u, k)
		}
	}
	return u
}
