// The relay of an answer on its own: while the provider is silent, the client gets a heartbeat
// now and then, so that proxies keep the connection open. Everything else about POST /api/chat
// is tested through the whole app, in package chat_test (api_test.go).

package chat

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"myapp/internal/testutil"
)

// silentProvider says nothing until release is closed, then answers in one token.
type silentProvider struct{ release chan struct{} }

func (p silentProvider) Stream(ctx context.Context, _ Request, onToken func(string) error) (Usage, error) {
	select {
	case <-p.release:
	case <-ctx.Done():
		return Usage{}, ctx.Err()
	}
	return Usage{}, onToken("Done thinking.")
}

func TestHeartbeatDuringLongPauses(t *testing.T) {
	provider := silentProvider{release: make(chan struct{})}
	h := &Handlers{service: &Service{provider: provider}, logger: testutil.Logger(t), heartbeat: 5 * time.Millisecond}
	answers := make(chan Answer, 1)
	stream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		events, err := startEventStream(w)
		if err != nil {
			t.Error(err)
		}
		answers <- h.relay(r.Context(), events, Turn{})
	}))
	defer stream.Close()

	resp, err := http.Get(stream.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	// The provider says nothing until release, so the first line must be the heartbeat.
	if !lines.Scan() || lines.Text() != ": keep-alive" {
		t.Fatalf("first line %q, want the heartbeat comment", lines.Text())
	}
	close(provider.release)
	for lines.Scan() && lines.Text() != `data: {"text":"Done thinking."}` {
	}
	if answer := <-answers; answer.Status != StatusComplete || answer.Text != "Done thinking." {
		t.Errorf("after the heartbeat the answer was %q (%s), want the provider's, complete", answer.Text, answer.Status)
	}
}
