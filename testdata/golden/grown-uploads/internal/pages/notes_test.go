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
			site, deps := newSite(t)
			header := http.Header{}
			if tt.htmx {
				header.Set("HX-Request", "true") // as htmx sends it
			}
			form := url.Values{"body": {tt.body}}.Encode()
			resp, body := site.Do(http.MethodPost, "/notes", "application/x-www-form-urlencoded", strings.NewReader(form), header)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d\n%s", resp.StatusCode, tt.wantStatus, body)
			}
			if got := resp.Header.Get("Location"); got != tt.wantLocation {
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
			count, err := models.New(deps.DB).CountNotes(t.Context())
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
	site, deps := newSite(t)
	for _, body := range []string{"first note", "second note"} {
		if _, err := models.New(deps.DB).CreateNote(t.Context(), body); err != nil {
			t.Fatal(err)
		}
	}
	resp, body := site.Get("/notes")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
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
