// The search page, GET /search, and its JSON twin, GET /api/search. The page searches as the
// user types (htmx asks GET /search again after a pause and swaps in the results partial);
// without JavaScript the form submits and the whole page comes back with the results.
//
//	GET /api/search?q=install+go&k=10&mode=hybrid   (session cookie, or Authorization: Bearer)
//	[{"document_id": 3, "title": "Setup", "chunk_id": 41, "text": "...", "score": 0.031, ...}]
//
// A bad k or mode gets 400 with JSON {"error": "..."} saying what to send instead.

package rag

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"myapp/internal/web"
)

// defaultResults is how many results a search returns when k is not given.
const defaultResults = 10

// searchView is what search.html and the search_results partial show.
type searchView struct {
	Query    string
	Mode     string
	Modes    []string
	Results  []resultView
	Searched bool   // a query was given: "no results" is then worth saying
	Error    string // a problem the user can fix, such as a mode that needs vectors
	Offline  bool   // the offline embedder makes the vectors: "semantic" matches words too
}

// resultView is one result: the hit, and its text cut to a snippet with the query's words marked.
type resultView struct {
	Hit
	Snippet []snippetPart
}

// Search answers GET /search?q=...&mode=...: the whole page, or only the results for htmx.
func (h *Handlers) Search(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	query := r.URL.Query()
	view := searchView{
		Query:   query.Get("q"),
		Mode:    cmp.Or(query.Get("mode"), ModeHybrid),
		Modes:   []string{ModeHybrid, ModeSemantic, ModeKeyword},
		Offline: h.service.OfflineEmbeddings(),
	}
	if strings.TrimSpace(view.Query) != "" {
		view.Searched = true
		hits, err := h.service.Search(r.Context(), user.ID, view.Query, defaultResults, view.Mode)
		var changed *ModelChangedError
		switch {
		case errors.Is(err, ErrBadMode), errors.Is(err, ErrNoSemantic), errors.As(err, &changed):
			view.Error = err.Error()
		case err != nil:
			h.render.ServerError(w, r, err)
			return
		}
		words := QueryWords(view.Query)
		for _, hit := range hits {
			view.Results = append(view.Results, resultView{Hit: hit, Snippet: snippet(hit.Text, words)})
		}
	}
	// The answer depends on HX-Request: caches must keep the page and the partial apart.
	w.Header().Add("Vary", "HX-Request")
	if web.IsHTMX(r) {
		h.render.Partial(w, r, http.StatusOK, "search_results", view)
		return
	}
	h.render.Page(w, r, http.StatusOK, "search", view)
}

// APISearch answers GET /api/search?q=...&k=10&mode=hybrid with the results as JSON.
func (h *Handlers) APISearch(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	if user == nil { // routes.go guards this route; this only makes sure
		web.WriteError(w, http.StatusUnauthorized, "log in first")
		return
	}
	query := r.URL.Query()
	if strings.TrimSpace(query.Get("q")) == "" {
		web.WriteError(w, http.StatusBadRequest, "q is missing: send the words to search for, as in /api/search?q=install+go")
		return
	}
	k := defaultResults
	if raw := query.Get("k"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > MaxResults {
			web.WriteError(w, http.StatusBadRequest, ErrBadLimit.Error()+", such as k=10")
			return
		}
		k = n
	}
	hits, err := h.service.Search(r.Context(), user.ID, query.Get("q"), k, cmp.Or(query.Get("mode"), ModeHybrid))
	var busy *RetryAfterError
	var changed *ModelChangedError
	switch {
	case errors.Is(err, ErrBadMode):
		web.WriteError(w, http.StatusBadRequest, err.Error()+", such as mode=hybrid")
	case errors.Is(err, ErrNoSemantic), errors.As(err, &changed):
		web.WriteError(w, http.StatusServiceUnavailable, err.Error())
	case errors.As(err, &busy):
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(busy.Wait.Seconds()))))
		web.WriteError(w, http.StatusServiceUnavailable, "the embedding service is busy: try again in a moment")
	case err != nil:
		web.WriteServerError(w, r, h.logger, err)
	default:
		web.WriteJSON(w, http.StatusOK, hits)
	}
}
