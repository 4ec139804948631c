// The documents pages: /documents lists a user's documents (their own and the shared ones)
// with each one's status, refreshing itself with htmx while some are still being embedded,
// and has the forms to upload a file or paste text; /documents/{id} shows one document's
// chunks, each at #chunk-{id} for links from search results and the chat's sources.
package rag

import (
	"net/http"

	"myapp/internal/web"
)

// listView is what templates/partials/documents.html shows.
type listView struct {
	Documents []documentView
	Pending   bool // some document is still being embedded: the list asks again in a moment
	CanShare  bool
	Offline   bool   // no embedding API key: the built-in offline embedder is used
	Error     string // what was wrong with the last form, shown above it
	Title     string // the paste form's fields, kept after an error so nothing is lost
	Text      string
}

// documentView is one document as the list shows it.
type documentView struct {
	Document
	Mine        bool   // the viewer's own: they may delete it
	Kind        string // "PDF", "Markdown"...
	CreatedText string
}

// kinds names each content type for people.
var kinds = map[string]string{TypeText: "Text", TypeMarkdown: "Markdown", TypeHTML: "HTML", TypePDF: "PDF"}

// List answers GET /documents: the whole page.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	h.showList(w, r, http.StatusOK, listView{}, "documents")
}

// ListPartial answers GET /documents/list, the list alone: htmx asks for it every few
// seconds while a document is pending, to show its progress.
func (h *Handlers) ListPartial(w http.ResponseWriter, r *http.Request) {
	h.showList(w, r, http.StatusOK, listView{}, "documents_list")
}

// Add answers POST /documents, from the upload form or the paste form. A problem shows the
// forms again with a message (422); success answers htmx with the updated section, and a
// browser without JavaScript with a redirect.
func (h *Handlers) Add(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	in, closeFile, err := formDocument(r)
	defer closeFile()
	if err == nil {
		_, err = h.service.AddDocument(r.Context(), user.ID, in)
	}
	if err != nil {
		status, message, ok := problem(err)
		if !ok {
			h.render.ServerError(w, r, err)
			return
		}
		if status == http.StatusBadRequest {
			status = http.StatusUnprocessableEntity // the form was read; what it holds will not do
		}
		h.showList(w, r, status, listView{Error: message, Title: in.Title, Text: in.Text}, "documents")
		return
	}
	h.afterChange(w, r)
}

// Share answers POST /documents/{id}/share (shared=true or false): staff only.
func (h *Handlers) Share(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	_, err := h.service.SetShared(r.Context(), user.ID, pathID(r), r.PostFormValue("shared") == "true")
	h.answerChange(w, r, err)
}

// Delete answers POST /documents/{id}/delete: the owner's own documents only.
func (h *Handlers) Delete(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	h.answerChange(w, r, h.service.DeleteDocument(r.Context(), user.ID, pathID(r)))
}

// answerChange answers a share or a delete: the list again, or what went wrong.
func (h *Handlers) answerChange(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		status, message, ok := problem(err)
		if !ok {
			h.render.ServerError(w, r, err)
			return
		}
		if status == http.StatusNotFound {
			h.render.Page(w, r, status, "404", nil)
			return
		}
		h.showList(w, r, status, listView{Error: message}, "documents")
		return
	}
	h.afterChange(w, r)
}

// afterChange answers a change that worked: htmx gets the updated section; a plain form a
// redirect, so reloading the page does not post it again.
func (h *Handlers) afterChange(w http.ResponseWriter, r *http.Request) {
	if web.IsHTMX(r) {
		h.showList(w, r, http.StatusOK, listView{}, "documents")
		return
	}
	http.Redirect(w, r, "/documents", http.StatusSeeOther)
}

// showList loads the viewer's documents into view and renders the page, or the partial
// called partial when htmx asked.
func (h *Handlers) showList(w http.ResponseWriter, r *http.Request, status int, view listView, partial string) {
	user := web.CurrentUser(r.Context())
	docs, err := h.service.Documents(r.Context(), user.ID)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	view.CanShare, view.Offline = isStaff(user), h.service.OfflineEmbeddings()
	for _, d := range docs {
		view.Documents = append(view.Documents, documentView{
			Document: d, Mine: d.OwnerID == user.ID, Kind: kinds[d.ContentType],
			CreatedText: d.CreatedAt.Format("2 Jan 2006 15:04"),
		})
		view.Pending = view.Pending || d.Status == StatusPending
	}
	if web.IsHTMX(r) {
		h.render.Partial(w, r, status, partial, view)
		return
	}
	h.render.Page(w, r, status, "documents", view)
}

// showView is what templates/pages/document.html shows.
type showView struct {
	documentView
	Chunks []Chunk
}

// Show answers GET /documents/{id}: the document's chunks, in order.
func (h *Handlers) Show(w http.ResponseWriter, r *http.Request) {
	user := web.CurrentUser(r.Context())
	id := pathID(r)
	doc, err := h.service.Document(r.Context(), user.ID, id)
	var chunks []Chunk
	if err == nil {
		chunks, err = h.service.Chunks(r.Context(), user.ID, id)
	}
	if err != nil {
		if status, _, ok := problem(err); ok {
			h.render.Page(w, r, status, "404", nil)
			return
		}
		h.render.ServerError(w, r, err)
		return
	}
	view := showView{Chunks: chunks, documentView: documentView{
		Document: doc, Mine: doc.OwnerID == user.ID, Kind: kinds[doc.ContentType],
		CreatedText: doc.CreatedAt.Format("2 Jan 2006 15:04"),
	}}
	h.render.Page(w, r, http.StatusOK, "document", view)
}
