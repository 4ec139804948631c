//go:build linux

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
)

// TestTutorials follows every tutorial in docs/tutorials word for word, as a student would:
// it runs the shell blocks, writes the file blocks, compares the output blocks, opens the pages,
// and fails with the tutorial's file and line when a step does not do what the text says.
// The convention it reads is documented in docs/tutorials/README.md.
//
//	go test ./cmd/fastopp -run TestTutorials/01    # one tutorial
//
// The student's folder is the same path for every tutorial (so Go's build cache, keyed by
// path, stays warm), `fastopp` on PATH is this test binary run as the command line (see
// TestMain), and the fastopp clone the student installs from is this checkout. A tutorial that
// continues from another (<!-- test: after 01 -->) starts from a copy of the folder that one
// left, running it first when it has not run yet, so each subtest can run alone.
func TestTutorials(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the tutorials build apps")
	}
	for _, tool := range []string{"bash", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the tutorials' commands need %s: install it (.ci/run does in CI)", tool)
		}
	}
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "docs", "tutorials", "[0-9][0-9]-*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no tutorials in docs/tutorials (%v)", err)
	}
	sort.Strings(files)
	lab := newTutorialLab(t, files)
	for _, file := range files {
		number := filepath.Base(file)[:2]
		t.Run(strings.TrimSuffix(filepath.Base(file), ".md"), func(t *testing.T) {
			lab.follow(t, number)
		})
	}
}

// tutorialLab holds what the tutorials share: the scratch root, the saved end state of each
// tutorial that ran, and the environment.
type tutorialLab struct {
	root   string            // scratch root, removed at the end
	work   string            // the student's folder, root/work, the same for every tutorial
	files  map[string]string // tutorial number -> file
	states map[string]*tutorialState
	repo   string
	binDir string // holds the `fastopp` wrapper
	goBin  string // where `go install` puts commands (GOBIN), first on PATH
}

// tutorialState is what a finished tutorial leaves: a copy of the student's folder, the
// folder the student was in, and the values the tutorial's output gave (a password...).
type tutorialState struct {
	saved string // copy of work
	cwd   string // relative to work
	vars  map[string]string
	err   error
}

func newTutorialLab(t *testing.T, files []string) *tutorialLab {
	root, err := os.MkdirTemp("", "fastopp-tutorials-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	lab := &tutorialLab{root: root, work: filepath.Join(root, "work"), files: map[string]string{},
		states: map[string]*tutorialState{}, repo: repoRoot(t),
		binDir: filepath.Join(root, "bin"), goBin: filepath.Join(root, "gobin")}
	for _, f := range files {
		lab.files[filepath.Base(f)[:2]] = f
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// fastopp is this test binary run as the command line (TestMain): built once, from this checkout.
	wrapper := fmt.Sprintf("#!/bin/sh\nFASTOPP_TEST_AS_CLI=1 exec '%s' \"$@\"\n", self)
	for _, dir := range []string{lab.binDir, lab.goBin} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(lab.binDir, "fastopp"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	return lab
}

// follow runs tutorial number as a subtest and saves the state it leaves.
func (lab *tutorialLab) follow(t *testing.T, number string) {
	state := lab.run(t, number)
	if state.err != nil {
		t.Fatal(state.err)
	}
}

// run follows a tutorial once (later calls return the saved state): prerequisites first.
func (lab *tutorialLab) run(t *testing.T, number string) *tutorialState {
	t.Helper()
	if s, ok := lab.states[number]; ok {
		return s
	}
	file := lab.files[number]
	if file == "" {
		return &tutorialState{err: fmt.Errorf("no tutorial %s in docs/tutorials", number)}
	}
	steps, err := parseTutorial(file)
	if err != nil {
		return &tutorialState{err: err}
	}
	r := &tutorialRunner{t: t, lab: lab, file: file, number: number, vars: map[string]string{}}
	start := ""
	if len(steps) > 0 && steps[0].kind == stepAfter {
		start = steps[0].arg
		prev := lab.run(t, start)
		if prev.err != nil {
			return lab.save(number, &tutorialState{err: fmt.Errorf("%s:%d: tutorial %s, which this one continues, failed: %v", file, steps[0].line, start, prev.err)})
		}
		steps = steps[1:]
	}
	if err := lab.reset(start); err != nil {
		return lab.save(number, &tutorialState{err: err})
	}
	if start != "" {
		r.cwd = filepath.Join(lab.work, lab.states[start].cwd)
		for k, v := range lab.states[start].vars {
			r.vars[k] = v
		}
	} else {
		r.cwd = lab.work
	}
	err = r.follow(steps)
	r.stopServers()
	state := &tutorialState{vars: r.vars, err: err}
	if err == nil {
		state.cwd, _ = filepath.Rel(lab.work, r.cwd)
		state.saved = filepath.Join(lab.root, "state-"+number)
		if out, cerr := exec.Command("cp", "-a", lab.work, state.saved).CombinedOutput(); cerr != nil {
			state.err = fmt.Errorf("saving the state of tutorial %s: %v\n%s", number, cerr, out)
		}
	}
	return lab.save(number, state)
}

func (lab *tutorialLab) save(number string, s *tutorialState) *tutorialState {
	lab.states[number] = s
	return s
}

// reset makes the student's folder fresh: empty but for the fastopp clone, or the saved state
// of tutorial from.
func (lab *tutorialLab) reset(from string) error {
	if err := os.RemoveAll(lab.work); err != nil {
		return err
	}
	if from != "" {
		if out, err := exec.Command("cp", "-a", lab.states[from].saved, lab.work).CombinedOutput(); err != nil {
			return fmt.Errorf("copying the state of tutorial %s: %v\n%s", from, err, out)
		}
		return nil
	}
	if err := os.MkdirAll(lab.work, 0o755); err != nil {
		return err
	}
	// The clone the student installs fastopp from (`cd fastopp && go install ./cmd/fastopp`).
	return os.Symlink(lab.repo, filepath.Join(lab.work, "fastopp"))
}

// tutorialRunner follows the steps of one tutorial.
type tutorialRunner struct {
	t        *testing.T
	lab      *tutorialLab
	file     string
	number   string
	cwd      string            // the student's current folder
	vars     map[string]string // <name> values read from output
	ports    map[string]string // 8000 -> a free port
	servers  []*backgroundRun  // servers started by ```sh serve, newest last
	lastOut  string            // output of the last command, for an output block
	lastRun  *step
	skipped  bool     // the last ```sh block needs a tool that is not here, so its output is not checked
	database string   // the fresh PostgreSQL schema that stands for postgresInText
	checks   []string // the TestExercise functions that the tutorial's file blocks write
	failed   string   // output of the last ```sh fails run of go test -run Exercise
	client   *http.Client
	state    string // folder for the shell's state between blocks
}

// backgroundRun is a ```sh serve block: a server left running, as in its own terminal.
type backgroundRun struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	err  error
	port string
}

func (r *tutorialRunner) follow(steps []step) error {
	var err error
	r.t.Cleanup(r.stopServers) // also when the test stops early (a skip without PostgreSQL)
	jar, _ := cookiejar.New(nil)
	r.client = &http.Client{Jar: jar, Timeout: 60 * time.Second}
	r.ports = map[string]string{}
	for p := 8000; p <= 8009; p++ {
		r.ports[fmt.Sprint(p)] = strings.TrimPrefix(freeAddr(r.t), "127.0.0.1:")
	}
	ollama := fakeOllama()
	defer ollama.Close()
	r.ports["11434"] = strings.TrimPrefix(ollama.Listener.Addr().String(), "127.0.0.1:")
	if r.state, err = os.MkdirTemp(r.lab.root, "shell-"); err != nil {
		return err
	}
	for _, s := range steps {
		if strings.Contains(s.text, postgresInText) {
			r.expand(postgresInText) // makes the schema now, or skips before any work is done
			break
		}
	}
	solved := false
	for i := range steps {
		s := &steps[i]
		began := time.Now()
		if err := r.do(s); err != nil {
			return fmt.Errorf("%s:%d: %v", r.file, s.line, err)
		}
		if took := time.Since(began); took > 5*time.Second {
			r.t.Logf("%s:%d took %v", filepath.Base(r.file), s.line, took.Round(time.Second))
		}
		if s.kind == stepSolution {
			solved = true
		}
	}
	if !solved {
		return fmt.Errorf("%s: the tutorial ends without an exercise (<!-- test: solution --> after its checks fail)", r.file)
	}
	return nil
}

// postgresInText is the database a tutorial's student uses; the test gives each tutorial a
// fresh schema of TEST_DATABASE_URL in its place.
const postgresInText = "postgres://postgres:postgres@localhost:5432/postgres?sslmode=disable"

// expand puts the test's ports, its database and the values read from output into a block's text.
func (r *tutorialRunner) expand(text string) string {
	if strings.Contains(text, postgresInText) {
		if r.database == "" {
			r.database = freshSchema(r.t, postgresURL(r.t)) // skips locally without PostgreSQL, fails in CI
		}
		text = strings.ReplaceAll(text, postgresInText, r.database)
	}
	text = portInText.ReplaceAllStringFunc(text, func(m string) string {
		sub := portInText.FindStringSubmatch(m)
		return sub[1] + r.ports[sub[2]]
	})
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := r.vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

func (r *tutorialRunner) do(s *step) error {
	switch s.kind {
	case stepRun:
		r.lastRun = s
		if tool := s.attrs["needs"]; tool != "" && !available(tool) {
			r.t.Logf("%s:%d: skipped: %s is not available here", filepath.Base(r.file), s.line, tool)
			r.skipped = true
			return nil
		}
		r.skipped = false
		if hasAttr(s.attrs, "serve") {
			return r.serve(s)
		}
		out, err := r.shell(s.text, 20*time.Minute)
		r.lastOut = out
		if hasAttr(s.attrs, "fails") {
			if err == nil {
				return fmt.Errorf("the text says this fails, but it succeeded:\n%s", out)
			}
			if strings.Contains(s.text, "-run Exercise") {
				if !strings.Contains(out, "--- FAIL: TestExercise") {
					return fmt.Errorf("the exercise's checks must fail before the solution (a --- FAIL: TestExercise line), not otherwise:\n%s", out)
				}
				r.failed = out
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
		return nil
	case stepOutput:
		if r.skipped {
			return nil
		}
		if r.lastRun != nil && hasAttr(r.lastRun.attrs, "serve") && len(r.servers) > 0 {
			return r.waitForOutput(r.servers[len(r.servers)-1], s.text)
		}
		return r.match(r.lastOut, s.text)
	case stepFile, stepEdit, stepAppend:
		for _, m := range exerciseFunc.FindAllStringSubmatch(s.text, -1) {
			r.checks = append(r.checks, m[1]) // this tutorial's exercise checks
		}
		return r.writeFile(s)
	case stepPage:
		return r.page(s)
	case stepLogin:
		args := strings.Fields(r.expand(s.arg))
		return r.post("/login", url.Values{"email": {args[0]}, "password": {args[1]}})
	case stepPost:
		path, form, _ := strings.Cut(r.expand(s.arg), " ")
		values, err := url.ParseQuery(form)
		if err != nil {
			return err
		}
		return r.post(path, values)
	case stepStop:
		if len(r.servers) == 0 {
			return errors.New("no server is running to stop")
		}
		srv := r.servers[len(r.servers)-1]
		r.servers = r.servers[:len(r.servers)-1]
		return srv.stop()
	case stepSolution:
		return r.solve()
	case stepAfter:
		return errors.New("<!-- test: after NN --> must come before every other step")
	}
	return nil
}

// available reports whether a tool that a ```sh needs=TOOL block uses works here: for docker,
// a daemon that answers, not only the command.
func available(tool string) bool {
	if _, err := exec.LookPath(tool); err != nil {
		return false
	}
	if tool == "docker" {
		return exec.Command("docker", "version", "--format", "{{.Server.Version}}").Run() == nil
	}
	return true
}

// shell runs a block with bash in the student's folder, carrying cd and export between blocks.
func (r *tutorialRunner) shell(text string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := r.bash(ctx, text, true)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("still running after %v", timeout)
	}
	if data, rerr := os.ReadFile(filepath.Join(r.state, "cwd")); rerr == nil {
		r.cwd = strings.TrimSpace(string(data))
	}
	return out.String(), err
}

// A server's block (keep false) runs as in another terminal: its cd and export stay there.
func (r *tutorialRunner) bash(ctx context.Context, text string, keep bool) *exec.Cmd {
	script := fmt.Sprintf("set -eo pipefail\ncd %q\nif [ -f %[2]q/exports ]; then . %[2]q/exports; fi\n", r.cwd, r.state)
	if keep {
		script += fmt.Sprintf("trap 'pwd > %[1]q/cwd; export -p > %[1]q/exports' EXIT\n", r.state)
	}
	script += r.expand(text)
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Env = r.env()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// env is the student's environment: this one, with fastopp on PATH, the test's port for
// 8000, and no settings of the fastopp tests themselves.
func (r *tutorialRunner) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "FASTOPP_TEST_AS_CLI", "TEST_DATABASE_URL", "PORT", "GOBIN", "PATH", "DATABASE_URL", "ENVIRONMENT", "SECRET_KEY":
			continue
		}
		if strings.HasPrefix(name, "OPENROUTER_") || strings.HasPrefix(name, "LLM_") || strings.HasPrefix(name, "CHAT_") ||
			strings.HasPrefix(name, "EMBEDDING_") || strings.HasPrefix(name, "RAG_") {
			continue // the app's settings come from the tutorial, as the student's would
		}
		env = append(env, kv)
	}
	// The clone is this checkout, which git may refuse to read as another user (CI runs as
	// root); a student's own clone has no such trouble, so VCS stamping is left out.
	if !strings.Contains(os.Getenv("GOFLAGS"), "-buildvcs") {
		env = append(env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -buildvcs=false"))
	}
	return append(env, "PATH="+r.lab.goBin+string(os.PathListSeparator)+r.lab.binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOBIN="+r.lab.goBin, "PORT="+r.ports["8000"], "NO_COLOR=1", "TERM=dumb")
}

// serve starts a ```sh serve block and waits until the server answers on its port.
func (r *tutorialRunner) serve(s *step) error {
	port := r.ports["8000"]
	if m := portInText.FindStringSubmatch(s.text); m != nil {
		port = r.ports[m[2]]
	}
	cmd := r.bash(context.Background(), s.text, false)
	srv := &backgroundRun{cmd: cmd, out: &syncBuffer{}, done: make(chan struct{}), port: port}
	cmd.Stdout, cmd.Stderr = srv.out, srv.out
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { srv.err = cmd.Wait(); close(srv.done) }()
	r.servers = append(r.servers, srv)
	deadline := time.Now().Add(5 * time.Minute) // the first `go run` compiles the app
	for {
		resp, err := http.Get("http://127.0.0.1:" + port + "/")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-srv.done:
			return fmt.Errorf("the server stopped before it answered (%v):\n%s", srv.err, srv.out.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server did not answer on port %s within 5 minutes:\n%s", port, srv.out.String())
		}
	}
}

// stop is Ctrl+C in the server's terminal: SIGINT to its process group; it must end cleanly.
func (b *backgroundRun) stop() error {
	syscall.Kill(-b.cmd.Process.Pid, syscall.SIGINT)
	select {
	case <-b.done:
	case <-time.After(20 * time.Second):
		syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
		<-b.done
		return fmt.Errorf("the server did not stop within 20s of Ctrl+C:\n%s", b.out.String())
	}
	return nil
}

func (r *tutorialRunner) stopServers() {
	for len(r.servers) > 0 {
		r.servers[len(r.servers)-1].stop()
		r.servers = r.servers[:len(r.servers)-1]
	}
}

// waitForOutput waits until a running server has printed the block's lines.
func (r *tutorialRunner) waitForOutput(srv *backgroundRun, want string) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := r.match(srv.out.String(), want)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// writeFile applies a file, edit or append block to the file it names, from the student's folder.
func (r *tutorialRunner) writeFile(s *step) error {
	name := r.expand(s.attrs["file"] + s.attrs["edit"] + s.attrs["append"])
	path := filepath.Join(r.cwd, name)
	text := r.expand(s.text)
	switch s.kind {
	case stepFile:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, []byte(text), 0o644)
	case stepAppend:
		old, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, append(old, []byte("\n"+text)...), 0o644)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := editDiff(string(old), text)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return os.WriteFile(path, []byte(updated), 0o644)
}

// page opens a URL as a browser would (following redirects, with the cookies of earlier
// logins) and checks that it shows the block's lines: its visible text for ```text, its HTML
// for ```html.
func (r *tutorialRunner) page(s *step) error {
	target := r.expand(s.attrs["page"])
	if strings.HasPrefix(target, "/") {
		target = "http://localhost:" + r.ports["8000"] + target
	}
	resp, err := r.client.Get(target)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	status := "200"
	if v := s.attrs["status"]; v != "" {
		status = v
	}
	if fmt.Sprint(resp.StatusCode) != status {
		return fmt.Errorf("GET %s = %d, want %s:\n%s", target, resp.StatusCode, status, body)
	}
	shown := string(body)
	if s.lang == "text" {
		shown = visibleText(shown)
	}
	if err := r.match(shown, s.text); err != nil {
		return fmt.Errorf("GET %s: %v", target, err)
	}
	return nil
}

// post sends a form as the page's own form would and expects the app to accept it (a redirect).
func (r *tutorialRunner) post(path string, form url.Values) error {
	noFollow := *r.client
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noFollow.PostForm("http://localhost:"+r.ports["8000"]+path, form)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		return fmt.Errorf("POST %s = %d, want a redirect (the form accepted):\n%s", path, resp.StatusCode, body)
	}
	return nil
}

// solve applies the exercise's reference solution (docs/tutorials/solutions/NN-*.md, written
// in the same convention) where the student is, and checks that the exercise's checks, which
// failed before, now pass, and the app's other tests too.
func (r *tutorialRunner) solve() error {
	if r.failed == "" {
		return errors.New("before the solution, the tutorial must run the exercise's checks and see them fail (```sh fails with go test ./... -run Exercise)")
	}
	matches, _ := filepath.Glob(filepath.Join(r.lab.repo, "docs", "tutorials", "solutions", r.number+"-*.md"))
	if len(matches) != 1 {
		return fmt.Errorf("want one reference solution docs/tutorials/solutions/%s-*.md, found %d", r.number, len(matches))
	}
	steps, err := parseTutorial(matches[0])
	if err != nil {
		return err
	}
	for i := range steps {
		if err := r.do(&steps[i]); err != nil {
			return fmt.Errorf("the solution, %s:%d: %v", matches[0], steps[i].line, err)
		}
	}
	// Every test, not only the exercise's: a solution must leave the whole app working. Go's
	// test cache replays the packages the solution did not touch, as it would for the student.
	out, err := r.shell("go test ./... -v", 20*time.Minute)
	if err != nil || strings.Contains(out, "--- FAIL") {
		return fmt.Errorf("with the reference solution, go test ./... fails: %v\n%s", err, out)
	}
	failed, passed := exerciseChecks(r.failed, "FAIL"), exerciseChecks(out, "PASS")
	if len(r.checks) == 0 {
		return errors.New("the tutorial gives no exercise checks: a file block with func TestExercise...")
	}
	for _, name := range r.checks {
		if !failed[name] {
			return fmt.Errorf("%s did not fail before the solution: a check must fail until the exercise is done", name)
		}
		if !passed[name] {
			return fmt.Errorf("%s does not pass with the solution:\n%s", name, out)
		}
	}
	return nil
}

// fakeOllama stands in for a local Ollama (localhost:11434 in the tutorials): an
// OpenAI-compatible chat completions API that streams "Hello from MODEL!" as OpenAI does,
// then the usage and [DONE], and an embeddings API (fakeEmbeddings). It wants a key, as
// OpenRouter does, though Ollama ignores it.
func fakeOllama() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/v1/embeddings") && strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			fakeEmbeddings(w, r)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/v1/chat/completions") || !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			http.Error(w, `{"error": {"message": "wrong path or no key", "code": 401}}`, http.StatusUnauthorized)
			return
		}
		var req struct {
			Model string `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model == "" {
			http.Error(w, `{"error": {"message": "no model"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for _, token := range []string{"Hello ", "from ", req.Model + "!"} {
			chunk, _ := json.Marshal(map[string]any{"model": req.Model, "choices": []any{
				map[string]any{"index": 0, "delta": map[string]string{"role": "assistant", "content": token}}}})
			fmt.Fprintf(w, "data: %s\n\n", chunk)
		}
		fmt.Fprintf(w, "data: {\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n", req.Model)
		fmt.Fprintf(w, "data: {\"model\":%q,\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13}}\n\n", req.Model)
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
}

// fakeEmbeddings answers POST /v1/embeddings as an OpenAI-compatible API does, for any model:
// one vector per input text, of the size asked ("dimensions", 768 by default), made from the
// text's words (each word adds to a place picked by its hash), so texts that share words are near.
func fakeEmbeddings(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Model      string   `json:"model"`
		Input      []string `json:"input"`
		Dimensions int      `json:"dimensions"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model == "" || len(req.Input) == 0 {
		http.Error(w, `{"error": {"message": "send a model and a list of input texts"}}`, http.StatusBadRequest)
		return
	}
	size := req.Dimensions
	if size <= 0 {
		size = 768
	}
	data := make([]map[string]any, len(req.Input))
	for i, text := range req.Input {
		vector := make([]float64, size)
		vector[0] = 0.01 // never all zeros: a text without words still has a direction
		for _, word := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			h := fnv.New32a()
			h.Write([]byte(word))
			vector[int(h.Sum32())%size]++
		}
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": vector}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "model": req.Model, "data": data,
		"usage": map[string]int{"prompt_tokens": len(req.Input), "total_tokens": len(req.Input)}})
}
