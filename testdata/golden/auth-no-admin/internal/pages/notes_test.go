// Tests for the notes pages on a real database: listing, creating, validation, htmx answers.

package pages_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/pages"
	"myapp/internal/testutil"
)

// postNote builds the request the notes form sends; htmx adds the HX-Request header.
func postNote(body string, htmx bool) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/notes", strings.NewReader(url.Values{"body": {body}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	return req
}

func TestCreateNote(t *testing.T) {
	tests := []struct {
		name         string
		body         string
		htmx         bool
		wantStatus   int
		wantLocation string
		wantInBody   []string
		wantSaved    int64
	}{
		{name: "form post redirects to the list", body: "Buy milk", wantStatus: http.StatusSeeOther, wantLocation: "/notes", wantSaved: 1},
		{name: "htmx post answers with the updated list", body: "Buy <milk>", htmx: true, wantStatus: http.StatusOK,
			wantInBody: []string{"Buy &lt;milk&gt;", "1 note"}, wantSaved: 1},
		{name: "empty note", body: "   ", wantStatus: http.StatusUnprocessableEntity,
			wantInBody: []string{"cannot be empty", "<html"}},
		{name: "empty note over htmx", body: "", htmx: true, wantStatus: http.StatusUnprocessableEntity,
			wantInBody: []string{"cannot be empty", `id="notes"`}},
		{name: "too long keeps the text", body: strings.Repeat("é", pages.NoteMaxLength+1), wantStatus: http.StatusUnprocessableEntity,
			wantInBody: []string{"too long", strings.Repeat("é", pages.NoteMaxLength+1)}},
		{name: "exactly the maximum is fine", body: strings.Repeat("é", pages.NoteMaxLength), wantStatus: http.StatusSeeOther,
			wantLocation: "/notes", wantSaved: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			queries := models.New(testutil.NewDB(t))
			notes := pages.NewNotes(newRenderer(t), queries)

			status, header, body := call(t, http.HandlerFunc(notes.Create), postNote(tt.body, tt.htmx))
			if status != tt.wantStatus {
				t.Errorf("status %d, want %d\n%s", status, tt.wantStatus, body)
			}
			if got := header.Get("Location"); got != tt.wantLocation {
				t.Errorf("Location %q, want %q", got, tt.wantLocation)
			}
			for _, want := range tt.wantInBody {
				if !strings.Contains(body, want) {
					t.Errorf("body does not contain %q", want)
				}
			}
			if tt.htmx && strings.Contains(body, "<html") {
				t.Error("an htmx answer must be a partial, not a whole page")
			}
			count, err := queries.CountNotes(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if count != tt.wantSaved {
				t.Errorf("%d notes saved, want %d", count, tt.wantSaved)
			}
		})
	}
}

func TestListNotesNewestFirst(t *testing.T) {
	queries := models.New(testutil.NewDB(t))
	for _, body := range []string{"first note", "second note"} {
		if _, err := queries.CreateNote(t.Context(), body); err != nil {
			t.Fatal(err)
		}
	}
	notes := pages.NewNotes(newRenderer(t), queries)
	status, _, body := call(t, http.HandlerFunc(notes.List), httptest.NewRequest(http.MethodGet, "/notes", nil))
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200", status)
	}
	first, second := strings.Index(body, "first note"), strings.Index(body, "second note")
	if first < 0 || second < 0 || second > first {
		t.Errorf("want both notes, the second one first:\n%s", body)
	}
	if !strings.Contains(body, "2 notes") {
		t.Error("the page does not show the count")
	}
}

// BenchmarkNotesPage measures what /notes costs beyond the middleware: its two queries, with
// statements prepared once as in routes.go, and the page of 50 notes rendered. Most of it is
// html/template, which escapes each value it writes (three a note) through a function called
// by reflection. Run it with:
// go test ./internal/pages -run '^$' -bench NotesPage -benchmem
func BenchmarkNotesPage(b *testing.B) {
	db := testutil.NewDB(b)
	for i := range 50 {
		if _, err := models.New(db).CreateNote(b.Context(), fmt.Sprintf("Note number %d, <written> by the benchmark", i)); err != nil {
			b.Fatal(err)
		}
	}
	notes := pages.NewNotes(newRenderer(b), models.New(database.NewStatements(db)))
	for b.Loop() {
		answer := httptest.NewRecorder()
		notes.List(answer, httptest.NewRequest(http.MethodGet, "/notes", nil))
		if answer.Code != http.StatusOK || !strings.Contains(answer.Body.String(), "50 notes") {
			b.Fatalf("status %d, want 200 and 50 notes", answer.Code)
		}
	}
}
