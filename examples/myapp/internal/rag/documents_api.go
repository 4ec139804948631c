// The documents' JSON API, with the session cookie or Authorization: Bearer ACCESS_TOKEN:
//
//	POST   /api/documents        multipart: "file" (and "title", "shared"), or JSON:
//	                             {"title": "...", "text": "...", "content_type": "text/markdown", "shared": false}
//	                             -> 201 and the document, with "status": "pending"
//	GET    /api/documents        -> [document, ...]: the user's own and the shared ones
//	GET    /api/documents/{id}   -> the document: "status" pending|ready|failed, "progress" 0-100
//	DELETE /api/documents/{id}   -> 204
//
// Someone else's document (not shared) is 404, as one that does not exist. Problems answer
// {"error": "..."} with 400 (what to fix), 403, 404 or 413 (too large).
package rag

import (
	"net/http"
	"strconv"
	"strings"

	"myapp/internal/web"
)

// newDocumentRequest is the JSON body of POST /api/documents.
type newDocumentRequest struct {
	Title       string `json:"title"`
	Text        string `json:"text"`
	ContentType string `json:"content_type"`
	Shared      bool   `json:"shared"`
}

// APIList answers GET /api/documents.
func (h *Handlers) APIList(w http.ResponseWriter, r *http.Request) {
	docs, err := h.service.Documents(r.Context(), web.CurrentUser(r.Context()).ID)
	if err != nil {
		web.WriteServerError(w, r, h.logger, err)
		return
	}
	if docs == nil {
		docs = []Document{} // [] rather than null
	}
	web.WriteJSON(w, http.StatusOK, docs)
}

// APIAdd answers POST /api/documents.
func (h *Handlers) APIAdd(w http.ResponseWriter, r *http.Request) {
	var in NewDocument
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body newDocumentRequest
		if !web.ReadJSON(w, r, h.service.maxBytes()+64<<10, &body) {
			return
		}
		in = NewDocument{Title: body.Title, Text: body.Text, ContentType: body.ContentType, Shared: body.Shared}
	} else {
		var closeFile func()
		var err error
		in, closeFile, err = formDocument(r)
		defer closeFile()
		if err != nil {
			h.writeProblem(w, r, err)
			return
		}
	}
	doc, err := h.service.AddDocument(r.Context(), web.CurrentUser(r.Context()).ID, in)
	if err != nil {
		h.writeProblem(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/documents/"+strconv.FormatInt(doc.ID, 10))
	web.WriteJSON(w, http.StatusCreated, doc)
}

// APIGet answers GET /api/documents/{id}: a client polls it to see the document become ready.
func (h *Handlers) APIGet(w http.ResponseWriter, r *http.Request) {
	doc, err := h.service.Document(r.Context(), web.CurrentUser(r.Context()).ID, pathID(r))
	if err != nil {
		h.writeProblem(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, doc)
}

// APIDelete answers DELETE /api/documents/{id}.
func (h *Handlers) APIDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.service.DeleteDocument(r.Context(), web.CurrentUser(r.Context()).ID, pathID(r)); err != nil {
		h.writeProblem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// writeProblem answers err as JSON: the user's mistake with its status, else a 500.
func (h *Handlers) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	if status, message, ok := problem(err); ok {
		web.WriteError(w, status, message)
		return
	}
	web.WriteServerError(w, r, h.logger, err)
}
