package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite", for the integrity check
)

// TestDurability kills the built server with SIGKILL while sixteen clients store and
// replace cases, twenty times over one SQLite file. After each kill the file must pass
// PRAGMA integrity_check, and the restarted server must hold every write it had
// acknowledged with a 2xx: the case at that revision or a later one, and each
// acknowledged revision exactly as written.
func TestDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts the server twenty times")
	}
	const (
		rounds  = 20
		clients = 16
	)
	dir := t.TempDir()
	db := filepath.Join(dir, "gdprdocs.db")
	key, stderr, code := runCLI(t, "", "workspace", "create", "Durability", "--database", db)
	if code != 0 {
		t.Fatalf("workspace create: exit %d: %s", code, stderr)
	}
	key = strings.TrimSpace(key)
	srv := startServer(t, dir, db)
	total := 0
	for round := range rounds {
		acked := writeUntilKilled(t, srv, key, round, clients)
		if len(acked) == 0 {
			t.Fatalf("round %d: no write was acknowledged before the kill; the test proves nothing", round)
		}
		if got := integrityCheck(t, db); got != "ok" {
			t.Fatalf("round %d: PRAGMA integrity_check after the kill: %s", round, got)
		}
		srv = startServer(t, dir, db)
		verifyAcked(t, srv, key, round, acked)
		for _, revs := range acked {
			total += len(revs)
		}
		if t.Failed() {
			break
		}
	}
	srv.stop(t)
	if t.Failed() {
		return
	}
	t.Logf("%d rounds, %d acknowledged writes found after SIGKILL", rounds, total)
}

// process is a running gdprdocs serve and what it logged.
type process struct {
	cmd    *exec.Cmd
	base   string
	log    *serverLog
	exited chan struct{} // closed once the process has exited
}

// serverLog keeps what the server writes to standard error and tells, once, the
// address it serves on.
type serverLog struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	addr  chan string
	found bool
}

var servingAddr = regexp.MustCompile(`"msg":"serving","addr":"([^"]+)"`)

func (l *serverLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if m := servingAddr.FindSubmatch(l.buf.Bytes()); m != nil && !l.found {
		l.found = true
		l.addr <- string(m[1])
	}
	return len(p), nil
}

func (l *serverLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startServer runs serve on db and a free loopback port, and waits until it serves.
// The test's end kills it if it still runs.
func startServer(t *testing.T, dir, db string) *process {
	t.Helper()
	s := &process{log: &serverLog{addr: make(chan string, 1)}, exited: make(chan struct{})}
	s.cmd = newCommand(dir, []string{"serve", "--database", db, "--addr", "127.0.0.1:0"}, io.Discard, s.log)
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(s.kill)
	select {
	case addr := <-s.log.addr:
		s.base = "http://" + addr
		return s
	case <-s.exited:
		t.Fatalf("serve exited before serving: %v\n%s", s.cmd.ProcessState, s.log)
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not serve within 30s:\n%s", s.log)
	}
	return nil
}

// kill ends the server with SIGKILL, as a crash or a power cut of the process would,
// and waits for it to be gone.
func (s *process) kill() {
	select {
	case <-s.exited:
	default:
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// stop ends the server as Ctrl-C does and checks that it exits cleanly and never
// logged that the database was locked.
func (s *process) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(os.Interrupt)
	<-s.exited
	if !s.cmd.ProcessState.Success() {
		t.Errorf("serve after SIGINT: %v\n%s", s.cmd.ProcessState, s.log)
	}
	s.checkLog(t)
}

func (s *process) checkLog(t *testing.T) {
	t.Helper()
	if log := s.log.String(); strings.Contains(log, "database is locked") {
		t.Errorf("the server logged \"database is locked\":\n%s", log)
	}
}

// writeUntilKilled has clients create cases and replace each a few times, and kills
// the server at a random moment 300 to 500 ms in. It answers the acknowledged writes:
// each case's acknowledged revisions and their bodies.
func writeUntilKilled(t *testing.T, srv *process, key string, round, clients int) map[string]map[int][]byte {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	var (
		killed atomic.Bool
		mu     sync.Mutex
		acked  = map[string]map[int][]byte{}
		wg     sync.WaitGroup
	)
	for c := range clients {
		wg.Go(func() {
			var id string // the case being replaced, "" before the first
			rev := 0
			for i := 0; ; i++ {
				body := fmt.Appendf(nil, `{"version":1,"organisation":{"name":"round %d client %d write %d","jurisdiction":"LT"}}`, round, c, i)
				var req *http.Request
				if id == "" || rev >= 8 {
					req, _ = http.NewRequest(http.MethodPost, srv.base+"/v1/cases?name="+fmt.Sprintf("r%d-c%d-w%d", round, c, i), bytes.NewReader(body))
				} else {
					req, _ = http.NewRequest(http.MethodPut, srv.base+"/v1/cases/"+id, bytes.NewReader(body))
					req.Header.Set("If-Match", strconv.Quote(strconv.Itoa(rev)))
				}
				req.Header.Set("Authorization", "Bearer "+key)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					if !killed.Load() {
						t.Errorf("round %d: %s %s before the kill: %v", round, req.Method, req.URL.Path, err)
					}
					return
				}
				answer, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode/100 != 2 {
					t.Errorf("round %d: %s %s: %d %s", round, req.Method, req.URL.Path, res.StatusCode, answer)
					return
				}
				n, err := strconv.Atoi(strings.Trim(res.Header.Get("ETag"), `"`))
				if err != nil {
					t.Errorf("round %d: %s %s: ETag %q", round, req.Method, req.URL.Path, res.Header.Get("ETag"))
					return
				}
				if req.Method == http.MethodPost {
					id = strings.TrimPrefix(res.Header.Get("Location"), "/v1/cases/")
				}
				rev = n
				mu.Lock()
				if acked[id] == nil {
					acked[id] = map[int][]byte{}
				}
				acked[id][n] = body
				mu.Unlock()
			}
		})
	}
	time.Sleep(300*time.Millisecond + rand.N(200*time.Millisecond))
	killed.Store(true)
	srv.kill()
	wg.Wait()
	srv.checkLog(t)
	return acked
}

// integrityCheck answers PRAGMA integrity_check of the file as the kill left it,
// opened read-only.
func integrityCheck(t *testing.T, db string) string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var rows []string
	r, err := conn.Query("PRAGMA integrity_check")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for r.Next() {
		var s string
		if err := r.Scan(&s); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, s)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "; ")
}

// verifyAcked checks, through the restarted server, every acknowledged write: the
// case is at that revision or a later one (a write whose answer the kill cut off may
// have been stored), its revision list holds the revision, and the revision is the
// body written.
func verifyAcked(t *testing.T, srv *process, key string, round int, acked map[string]map[int][]byte) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	// get answers the status, ETag and body of a GET; a failed request is status 0.
	get := func(path string) (status int, etag string, body []byte) {
		req, _ := http.NewRequest(http.MethodGet, srv.base+path, nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := client.Do(req)
		if err != nil {
			return 0, "", []byte(err.Error())
		}
		defer res.Body.Close()
		body, err = io.ReadAll(res.Body)
		if err != nil {
			return 0, "", []byte(err.Error())
		}
		return res.StatusCode, res.Header.Get("ETag"), body
	}
	ids := make(chan string)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for id := range ids {
				revs := acked[id]
				latest := 0
				for n := range revs {
					latest = max(latest, n)
				}
				status, tag, body := get("/v1/cases/" + id)
				if status != http.StatusOK {
					t.Errorf("round %d: GET case %s, acknowledged at revision %d: %d %s", round, id, latest, status, body)
					continue
				}
				if n, _ := strconv.Atoi(strings.Trim(tag, `"`)); n < latest {
					t.Errorf("round %d: case %s at revision %d after the restart; revision %d was acknowledged", round, id, n, latest)
				}
				status, _, body = get("/v1/cases/" + id + "/revisions?limit=500")
				var list struct {
					Revisions []struct {
						Revision int `json:"revision"`
					} `json:"revisions"`
				}
				if status != http.StatusOK || json.Unmarshal(body, &list) != nil {
					t.Errorf("round %d: revisions of %s: %d %s", round, id, status, body)
					continue
				}
				listed := map[int]bool{}
				for _, r := range list.Revisions {
					listed[r.Revision] = true
				}
				for n, want := range revs {
					if !listed[n] {
						t.Errorf("round %d: case %s: acknowledged revision %d not listed: %s", round, id, n, body)
					}
					status, _, body := get(fmt.Sprintf("/v1/cases/%s/revisions/%d", id, n))
					if status != http.StatusOK || !bytes.Equal(body, want) {
						t.Errorf("round %d: case %s revision %d: %d %s\nwant %s", round, id, n, status, body, want)
					}
				}
			}
		})
	}
	for id := range acked {
		ids <- id
	}
	close(ids)
	wg.Wait()
}
