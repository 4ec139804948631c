// What went wrong with the AI service, in words a user understands. Each failure of the API
// (refused key, no credit, too busy, broken, silent, garbled) becomes one ProviderError.

package chat

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ProviderError is a failure of the AI service. Message is shown to the user; Code names the
// kind of failure for programs that call the API, such as "rate_limited"; Err holds the
// details, for the log.
type ProviderError struct {
	Code    string
	Message string
	Err     error
}

func (e *ProviderError) Error() string { return e.Message }
func (e *ProviderError) Unwrap() error { return e.Err }

// temporary reports whether the same request may work if sent again: the API was busy,
// broken or out of reach. A refused key or an unknown LLM would fail the same way.
func (e *ProviderError) temporary() bool {
	return e.Code == "rate_limited" || e.Code == "unavailable" || e.Code == "unreachable"
}

// apiError is the error the API sends as JSON: {"error": {"message": "...", "code": 429}}.
type apiError struct {
	Message string `json:"message"`
	Code    any    `json:"code"` // OpenRouter: the HTTP status; OpenAI: a word, or null
}

// failureOf explains an answer with an HTTP status other than 200. The API's own words go to
// the log, without the key: some APIs quote the key they refused.
func failureOf(response *http.Response, apiKey string) *ProviderError {
	body, _ := io.ReadAll(io.LimitReader(response.Body, 4096))
	text := withoutKey(string(body), apiKey)
	var answer struct {
		Error apiError `json:"error"`
	}
	json.Unmarshal([]byte(text), &answer) // a proxy's error page is no JSON: then the status says enough
	problem := answer.Error.problem(response.StatusCode)
	problem.Err = fmt.Errorf("%s: %s", response.Status, text)
	return problem
}

// problem explains e, which came with the HTTP status, or in the middle of a stream (status 0).
func (e apiError) problem(status int) *ProviderError {
	if code, ok := e.Code.(float64); ok && status == 0 {
		status = int(code)
	}
	problem := func(code, message string) *ProviderError {
		return &ProviderError{Code: code, Message: message, Err: fmt.Errorf("HTTP %d: %s", status, e.Message)}
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return problem("unauthorized", "The AI service refused the API key: check OPENROUTER_API_KEY.")
	case status == http.StatusPaymentRequired:
		return problem("payment_required", "The AI service account has no credit left: add some, or pick a free AI model (on OpenRouter their names end in :free).")
	case status == http.StatusTooManyRequests:
		return problem("rate_limited", "The AI service is busy and asks us to slow down: wait a minute, then try again.")
	case status >= 500:
		return problem("unavailable", fmt.Sprintf("The AI service had a problem (HTTP %d): try again in a moment.", status))
	case status == http.StatusNotFound:
		return problem("not_found", "The AI service does not know this AI model or address: check OPENROUTER_LLM_MODEL and LLM_BASE_URL.")
	case status >= 400:
		return problem("rejected", fmt.Sprintf("The AI service refused the request (HTTP %d): %s", status, e.Message))
	}
	return problem("failed", "The AI service stopped with an error: "+e.Message)
}

// withoutKey replaces the API key in text.
func withoutKey(text, apiKey string) string {
	if apiKey == "" {
		return text
	}
	return strings.ReplaceAll(text, apiKey, "[OPENROUTER_API_KEY]")
}
