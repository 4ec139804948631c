// Server-sent events (SSE): a response that stays open and carries events, each written as
// "event: NAME" and "data: JSON" lines and a blank line. Browsers and most HTTP clients can read them.

package chat

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// writeTimeout bounds each write: a client that stops reading cannot hold a stream forever.
const writeTimeout = 30 * time.Second

// eventStream writes the events of one response.
type eventStream struct {
	w          http.ResponseWriter
	controller *http.ResponseController
}

// startEventStream sends the headers of a stream at once, before any event.
func startEventStream(w http.ResponseWriter) (*eventStream, error) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	// Proxies and CDNs must pass each event on as it comes, not keep or compress a copy
	// (no-transform), and nginx must not buffer (X-Accel-Buffering).
	h.Set("Cache-Control", "no-cache, no-transform")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	stream := &eventStream{w: w, controller: http.NewResponseController(w)}
	return stream, stream.flush()
}

// send writes one event whose data is value as JSON. JSON keeps the event on one data line:
// a newline in the text becomes \n.
func (s *eventStream) send(event string, value any) error {
	data, err := json.Marshal(value)
	if err != nil {
		return err
	}
	s.controller.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := fmt.Fprintf(s.w, "event: %s\ndata: %s\n\n", event, data); err != nil {
		return err
	}
	return s.flush()
}

// heartbeat writes a comment line, which clients ignore, so that proxies do not close a
// connection that looks idle while the LLM thinks.
func (s *eventStream) heartbeat() error {
	s.controller.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := fmt.Fprint(s.w, ": keep-alive\n\n"); err != nil {
		return err
	}
	return s.flush()
}

// flush sends what was written now, instead of when Go's buffer fills.
func (s *eventStream) flush() error {
	return s.controller.Flush()
}
