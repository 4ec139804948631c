// Progress shows each step of a run (sqlc, go mod tidy, npm, the first compile) while it
// runs, so that a student never waits in silence and wonders whether fastopp hung. On a
// terminal one line is redrawn with a spinner and the seconds so far; anywhere else (a pipe,
// a CI log, NO_COLOR) each step is a plain line when it starts and one when it ends.
package generator

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// Progress is where and how a run shows its steps. The zero value shows nothing.
type Progress struct {
	Out  io.Writer // nil: show nothing
	Live bool      // Out is a terminal that may be redrawn: a spinner and live seconds
	// Width is the terminal's width in characters; 0 means unknown. A live line longer than
	// the terminal would wrap, and then could no longer be redrawn in place: it is cut.
	Width int
	// Tick is how often the live line is redrawn; 0 means 100 ms.
	Tick time.Duration
}

// errStopped is what a step that was stopped (Ctrl-C) ends with: it shows as "stopped", not
// as a failure, since nothing went wrong but the student's wish to stop.
var errStopped = errors.New("stopped")

// spinner is drawn in ASCII so that every terminal, Windows' included, shows it.
var spinner = []string{"|", "/", "-", `\`}

// track shows step number (counted from 1) of total while it runs and returns the function
// to call when it ends, with its error.
func (pr Progress) track(number, total int, name string) (done func(error)) {
	if pr.Out == nil {
		return func(error) {}
	}
	label := fmt.Sprintf("[%d/%d] %s", number, total, name)
	start := time.Now()
	elapsed := func() string { return fmt.Sprintf("%.1fs", time.Since(start).Seconds()) }
	if !pr.Live {
		fmt.Fprintf(pr.Out, "%s ...\n", label)
		return func(err error) {
			switch {
			case errors.Is(err, errStopped):
				fmt.Fprintf(pr.Out, "      stopped after %s\n", elapsed())
			case err != nil:
				fmt.Fprintf(pr.Out, "      failed after %s\n", elapsed())
			default:
				fmt.Fprintf(pr.Out, "      done in %s\n", elapsed())
			}
		}
	}
	tick := pr.Tick
	if tick == 0 {
		tick = 100 * time.Millisecond
	}
	// "\r\033[K" goes back to the start of the line and clears it, so each frame replaces the last.
	if room := pr.Width - len("stopped ") - len("  999.9s") - 1; pr.Width > 0 && len(label) > room {
		label = label[:max(room, 0)]
	}
	draw := func(mark string) { fmt.Fprintf(pr.Out, "\r\033[K%s %s  %s", mark, label, elapsed()) }
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		ticker := time.NewTicker(tick)
		defer ticker.Stop()
		for frame := 0; ; frame++ {
			draw(spinner[frame%len(spinner)])
			select {
			case <-stop:
				return
			case <-ticker.C:
			}
		}
	}()
	var once sync.Once
	return func(err error) {
		once.Do(func() {
			close(stop)
			<-stopped // the drawing goroutine has written its last frame
			mark := "ok"
			if errors.Is(err, errStopped) {
				mark = "stopped"
			} else if err != nil {
				mark = "failed"
			}
			draw(mark)
			fmt.Fprintln(pr.Out)
		})
	}
}
