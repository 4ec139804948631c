// Tests for the webinar demo, through the whole app (server.New) as a browser uses it: who may
// see, change and delete registrants (a matrix of every route and every kind of user), hostile
// photos, notes edited by many people at once, and delete, which deletes the photo too. They
// run on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

package pages_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// webinarSite is the app with one webinar, and a user of each kind the rules tell apart.
type webinarSite struct {
	t       *testing.T
	deps    server.Deps
	base    string
	webinar int64
	stored  func() []string // the keys of every stored object
}

const webinarPassword = "correct horse battery"

// roles are the kinds of visitor: "" is nobody logged in; marketing and sales are plain users
// in those groups; staff is a staff user in no group.
var roles = []string{"", "user", "staff", "marketing", "sales", "superuser"}

func newWebinarSite(t *testing.T) *webinarSite {
	t.Helper()
	cfg := testutil.Config(t) // uploads go to a folder of the test's own (cfg.UploadDir)
	cfg.MaxUploadMB = 1
	deps := server.NewDeps(cfg, testutil.Logger(t), testutil.NewDB(t))
	handler, err := server.New(deps)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	store, err := uploads.NewFS(cfg.UploadDir)
	if err != nil {
		t.Fatal(err)
	}
	s := &webinarSite{t: t, deps: deps, base: testutil.Serve(t, handler).URL, stored: func() []string { return testutil.StoredKeys(t, store) }}
	webinar, err := services.NewDemoWebinarService(deps.DB).Create(t.Context(), models.CreateDemoWebinarParams{
		Title: "Go for beginners", Presenter: "Ada", StartsAt: time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	s.webinar = webinar.ID
	for _, role := range roles[1:] {
		kind := auth.RoleUser
		switch role {
		case "staff":
			kind = auth.RoleStaff
		case "superuser":
			kind = auth.RoleSuperuser
		}
		user, err := deps.Accounts.CreateUser(t.Context(), role+"@example.com", webinarPassword, kind)
		if err != nil {
			t.Fatal(err)
		}
		if role == "marketing" || role == "sales" { // the groups the demo's migration made
			group, err := deps.Accounts.CreateGroup(t.Context(), role)
			if err != nil {
				t.Fatal(err)
			}
			if err := deps.Accounts.AddToGroup(t.Context(), user.ID, group.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}

// visitor returns a browser logged in as role ("" for nobody).
func (s *webinarSite) visitor(role string) *testutil.Client {
	b := testutil.NewClient(s.t, s.base)
	if role != "" {
		b.Login(role+"@example.com", webinarPassword)
	}
	return b
}

// registrant adds a registrant to the webinar and returns their id.
func (s *webinarSite) registrant(name string) int64 {
	s.t.Helper()
	row, err := services.NewDemoRegistrantService(s.deps.DB).Create(s.t.Context(), models.CreateDemoRegistrantParams{
		WebinarID: s.webinar, Name: name, Email: strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@example.com",
		Company: sql.NullString{String: "Example Ltd", Valid: true},
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return row.ID
}

// row reads a registrant from the database; ok is false when it is gone.
func (s *webinarSite) row(id int64) (row models.DemoRegistrant, ok bool) {
	row, err := services.NewDemoRegistrantService(s.deps.DB).Get(s.t.Context(), id)
	return row, err == nil
}

// postPhoto sends a photo (name and content) to a registrant's upload form.
func postPhoto(b *testutil.Client, id int64, name, content string) (*http.Response, string) {
	return b.PostFiles("/demo/registrants/"+strconv.FormatInt(id, 10)+"/photo", nil, map[string][2]string{"photo": {name, content}})
}

// TestWebinarPermissions: every route of the webinar demo, for every kind of user. Nobody
// logged in is sent to the login form; superusers, marketing and sales may view and change
// registrants; only superusers may delete them; the others get the 403 page saying what to
// do, and their requests change nothing.
func TestWebinarPermissions(t *testing.T) {
	s := newWebinarSite(t)
	photo := string(testutil.SamplePNG(t))
	mayView := []string{"marketing", "sales", "superuser"}
	mayDelete := []string{"superuser"}
	requests := []struct {
		name   string
		send   func(b *testutil.Client, id int64) *http.Response
		who    []string // who may
		status int      // what they get
	}{
		{"the grid", func(b *testutil.Client, id int64) *http.Response { r, _ := b.Get("/demo/webinars"); return r }, mayView, http.StatusOK},
		{"a card's registrants", func(b *testutil.Client, id int64) *http.Response {
			r, _ := b.Get(fmt.Sprintf("/demo/webinars/%d/registrants", s.webinar))
			return r
		}, mayView, http.StatusOK},
		{"a registrant's page", func(b *testutil.Client, id int64) *http.Response {
			r, _ := b.Get(fmt.Sprintf("/demo/registrants/%d", id))
			return r
		}, mayView, http.StatusOK},
		{"the notes", func(b *testutil.Client, id int64) *http.Response {
			r, _ := b.Get(fmt.Sprintf("/demo/registrants/%d/notes", id))
			return r
		}, mayView, http.StatusOK},
		{"the notes' form", func(b *testutil.Client, id int64) *http.Response {
			r, _ := b.Get(fmt.Sprintf("/demo/registrants/%d/notes/edit", id))
			return r
		}, mayView, http.StatusOK},
		{"saving notes", func(b *testutil.Client, id int64) *http.Response {
			r, _ := b.PostForm(fmt.Sprintf("/demo/registrants/%d/notes", id), url.Values{"notes": {"Written by a test"}})
			return r
		}, mayView, http.StatusSeeOther},
		{"uploading a photo", func(b *testutil.Client, id int64) *http.Response { r, _ := postPhoto(b, id, "me.png", photo); return r }, mayView, http.StatusSeeOther},
		{"deleting", func(b *testutil.Client, id int64) *http.Response {
			r, _ := b.PostForm(fmt.Sprintf("/demo/registrants/%d/delete", id), nil)
			return r
		}, mayDelete, http.StatusSeeOther},
	}
	for _, role := range roles {
		t.Run("as "+cmpOr(role, "nobody"), func(t *testing.T) {
			b := s.visitor(role)
			id := s.registrant("Registrant of " + cmpOr(role, "nobody"))
			for _, req := range requests {
				resp := req.send(b, id)
				allowed := slices.Contains(req.who, role)
				switch {
				case role == "":
					if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?next=") {
						t.Errorf("%s: status %d to %q, want 303 to the login form", req.name, resp.StatusCode, loc)
					}
				case allowed && resp.StatusCode != req.status:
					t.Errorf("%s: status %d, want %d", req.name, resp.StatusCode, req.status)
				case !allowed && resp.StatusCode != http.StatusForbidden:
					t.Errorf("%s: status %d, want 403", req.name, resp.StatusCode)
				}
			}
			row, exists := s.row(id)
			if want := slices.Contains(mayDelete, role); exists == want {
				t.Errorf("after the requests the registrant exists: %v, want %v", exists, !want)
			}
			if !slices.Contains(mayView, role) && (row.Notes.Valid || row.Photo.Valid) {
				t.Errorf("a refused request changed the registrant: notes %q, photo %q", row.Notes.String, row.Photo.String)
			}
		})
	}
	// What the 403 page says: what to do next.
	_, body := s.visitor("staff").Get("/demo/webinars")
	if !strings.Contains(body, `id="demo-forbidden-reason"`) || !strings.Contains(body, "marketing and sales groups") {
		t.Errorf("the 403 page does not say who may see registrants:\n%s", body)
	}
}

// TestWebinarPhotosAreForThoseWhoMaySeeRegistrants: a registrant's photo (GET /uploads/{key})
// is served to marketing and sales, who are not staff, and to nobody the rules leave out.
func TestWebinarPhotosAreForThoseWhoMaySeeRegistrants(t *testing.T) {
	s := newWebinarSite(t)
	id := s.registrant("Grace Hopper")
	if resp, body := postPhoto(s.visitor("marketing"), id, "grace.png", string(testutil.SamplePNG(t))); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", resp.StatusCode, body)
	}
	row, _ := s.row(id)
	for _, key := range []string{row.Photo.String, uploads.ThumbnailKey(row.Photo.String)} {
		for _, role := range roles {
			resp, _ := s.visitor(role).Get("/uploads/" + key)
			if want := slices.Contains([]string{"marketing", "sales", "superuser"}, role); (resp.StatusCode == http.StatusOK) != want {
				t.Errorf("GET /uploads/%s as %q: status %d, want it served: %v", key, role, resp.StatusCode, want)
			}
		}
	}
	_, page := s.visitor("sales").Get(fmt.Sprintf("/demo/registrants/%d", id))
	if !strings.Contains(page, `id="registrant-photo"`) || !strings.Contains(page, `src="/uploads/`+row.Photo.String+`"`) {
		t.Errorf("the registrant page does not show the photo:\n%s", page)
	}
	_, card := s.visitor("sales").Get(fmt.Sprintf("/demo/webinars/%d/registrants", s.webinar))
	if !strings.Contains(card, `src="/uploads/`+uploads.ThumbnailKey(row.Photo.String)+`"`) {
		t.Errorf("the card does not show the thumbnail:\n%s", card)
	}
}

// TestWebinarRefusesHostilePhotos: each file the upload rules refuse comes back as the page
// with the reason beside the form, stores nothing and leaves the photo as it was.
func TestWebinarRefusesHostilePhotos(t *testing.T) {
	s := newWebinarSite(t)
	b := s.visitor("marketing")
	id := s.registrant("Mallory")
	// The files no image field may accept (the uploads tests check them too), and one too big.
	tooLarge := testutil.HostileImage{Name: "larger than the limit", Filename: "big.png",
		Body: append(testutil.SamplePNG(t), make([]byte, 1<<20)...), Want: "larger than"}
	for _, tt := range append(testutil.HostileImages(t), tooLarge) {
		t.Run(tt.Name, func(t *testing.T) {
			status := http.StatusUnprocessableEntity
			if tt.Name == tooLarge.Name {
				status = http.StatusRequestEntityTooLarge
			}
			resp, body := postPhoto(b, id, tt.Filename, string(tt.Body))
			if resp.StatusCode != status || !strings.Contains(body, `id="photo-error"`) || !strings.Contains(body, tt.Want) {
				t.Errorf("status %d, want %d with %q beside the form:\n%s", resp.StatusCode, status, tt.Want, body)
			}
			if strings.Contains(body, "<script>alert(") {
				t.Error("the refused file's content reached the page")
			}
			if got := s.stored(); len(got) != 0 {
				t.Errorf("a refused photo stored %v", got)
			}
			if row, _ := s.row(id); row.Photo.Valid {
				t.Errorf("a refused photo became the registrant's: %q", row.Photo.String)
			}
		})
	}
}

// TestWebinarNotes: the notes are edited in place (htmx gets the partials, not pages), kept as
// text, and refused with a message when too long.
func TestWebinarNotes(t *testing.T) {
	s := newWebinarSite(t)
	b := s.visitor("sales")
	id := s.registrant("Linus")
	path := fmt.Sprintf("/demo/registrants/%d/notes", id)
	htmx := http.Header{"HX-Request": {"true"}}

	_, form := b.Do(http.MethodGet, path+"/edit", "", nil, htmx)
	if !strings.Contains(form, `<form id="registrant-notes"`) || !strings.Contains(form, `hx-post="`+path+`"`) || strings.Contains(form, "<html") {
		t.Errorf("the edit button's answer is not the form alone:\n%s", form)
	}
	resp, shown := b.Do(http.MethodPost, path, "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"notes": {"Asked about <script>alert(1)</script> & more"}}.Encode()), htmx)
	if resp.StatusCode != http.StatusOK || !strings.Contains(shown, `<div id="registrant-notes">`) ||
		!strings.Contains(shown, "Asked about &lt;script&gt;alert(1)&lt;/script&gt; &amp; more") {
		t.Errorf("status %d, want 200 and the notes shown as text:\n%s", resp.StatusCode, shown)
	}
	if row, _ := s.row(id); row.Notes.String != "Asked about <script>alert(1)</script> & more" {
		t.Errorf("saved %q", row.Notes.String)
	}
	resp, refused := b.Do(http.MethodPost, path, "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"notes": {strings.Repeat("é", 2001)}}.Encode()), htmx)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(refused, "keep them to 2000") || !strings.Contains(refused, `role="alert"`) {
		t.Errorf("too long: status %d, want 422 with the form and its message:\n%s", resp.StatusCode, refused)
	}
	if _, page := b.Get(fmt.Sprintf("/demo/registrants/%d", id)); !strings.Contains(page, "Asked about &lt;script&gt;") {
		t.Error("the page does not show the saved notes")
	}
	if resp, _ := b.Do(http.MethodPost, "/demo/registrants/999999/notes", "application/x-www-form-urlencoded", strings.NewReader("notes=x"), htmx); resp.StatusCode != http.StatusNotFound {
		t.Errorf("notes of a registrant that does not exist: status %d, want 404", resp.StatusCode)
	}
}

// TestWebinarConcurrentEdits: people saving notes while others replace the photo, all at once,
// on one registrant. Every request succeeds; the notes are one of those sent, and the photo
// the last one stored: no save puts back what another had just changed, and no file is left
// behind.
func TestWebinarConcurrentEdits(t *testing.T) {
	s := newWebinarSite(t)
	id := s.registrant("Barbara")
	photo := string(testutil.SamplePNG(t))
	browsers := []*testutil.Client{s.visitor("marketing"), s.visitor("sales"), s.visitor("superuser")}
	sent := make([][]string, 8)
	testutil.Concurrently(t, 8, 5, func(writer, n int) error {
		b := browsers[writer%len(browsers)]
		if writer < 2 { // two writers replace the photo
			if resp, body := postPhoto(b, id, "p.png", photo); resp.StatusCode != http.StatusSeeOther {
				return fmt.Errorf("photo: status %d\n%s", resp.StatusCode, body)
			}
			return nil
		}
		notes := fmt.Sprintf("notes %d.%d", writer, n)
		sent[writer] = append(sent[writer], notes)
		resp, body := b.Do(http.MethodPost, fmt.Sprintf("/demo/registrants/%d/notes", id), "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"notes": {notes}}.Encode()), http.Header{"HX-Request": {"true"}})
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, notes) {
			return fmt.Errorf("notes: status %d, want 200 showing %q\n%s", resp.StatusCode, notes, body)
		}
		return nil
	})
	row, _ := s.row(id)
	if !slices.Contains(slices.Concat(sent...), row.Notes.String) {
		t.Errorf("the notes are %q, none of those sent", row.Notes.String)
	}
	if want := []string{row.Photo.String, uploads.ThumbnailKey(row.Photo.String)}; !row.Photo.Valid || !slices.Equal(s.stored(), sortedStrings(want)) {
		t.Errorf("stored %v, want only the registrant's photo %q and its thumbnail", s.stored(), row.Photo.String)
	}
}

// TestWebinarDeleteDeletesThePhoto: deleting a registrant deletes their photo and thumbnail,
// and only theirs; the page asks first (a dialog) and only superusers see the button.
func TestWebinarDeleteDeletesThePhoto(t *testing.T) {
	s := newWebinarSite(t)
	root := s.visitor("superuser")
	kept, gone := s.registrant("Kept"), s.registrant("Gone")
	photo := string(testutil.SamplePNG(t))
	for _, id := range []int64{kept, gone} {
		if resp, body := postPhoto(root, id, "p.png", photo); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: status %d\n%s", resp.StatusCode, body)
		}
	}
	keptRow, _ := s.row(kept)
	_, page := root.Get(fmt.Sprintf("/demo/registrants/%d", gone))
	if !strings.Contains(page, `id="confirm-delete"`) || !strings.Contains(page, fmt.Sprintf(`action="/demo/registrants/%d/delete"`, gone)) {
		t.Errorf("the page has no delete confirmation:\n%s", page)
	}
	if _, page := s.visitor("marketing").Get(fmt.Sprintf("/demo/registrants/%d", gone)); strings.Contains(page, `id="delete-registrant"`) {
		t.Error("marketing, who may not delete, sees the delete button")
	}
	resp, _ := root.PostForm(fmt.Sprintf("/demo/registrants/%d/delete", gone), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/demo/webinars" {
		t.Fatalf("delete: status %d to %q, want 303 to /demo/webinars", resp.StatusCode, resp.Header.Get("Location"))
	}
	if want := sortedStrings([]string{keptRow.Photo.String, uploads.ThumbnailKey(keptRow.Photo.String)}); !slices.Equal(s.stored(), want) {
		t.Errorf("after the delete, stored %v, want only the other registrant's %v", s.stored(), want)
	}
	if resp, _ := root.Get(fmt.Sprintf("/demo/registrants/%d", gone)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the deleted registrant's page: status %d, want 404", resp.StatusCode)
	}
	if resp, _ := root.PostForm(fmt.Sprintf("/demo/registrants/%d/delete", gone), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleting twice: status %d, want 404", resp.StatusCode)
	}
}

// TestWebinarGrid: the grid shows each webinar with its count, and each card loads its
// registrants with htmx.
func TestWebinarGrid(t *testing.T) {
	s := newWebinarSite(t)
	s.registrant("Ada Lovelace")
	s.registrant("Édouard Lucas")
	b := s.visitor("marketing")
	_, grid := b.Get("/demo/webinars")
	for _, want := range []string{"Go for beginners", `<span class="badge badge-neutral">2</span>`,
		fmt.Sprintf(`hx-get="/demo/webinars/%d/registrants" hx-trigger="load"`, s.webinar)} {
		if !strings.Contains(grid, want) {
			t.Errorf("the grid lacks %s", want)
		}
	}
	_, card := b.Do(http.MethodGet, fmt.Sprintf("/demo/webinars/%d/registrants", s.webinar), "", nil, http.Header{"HX-Request": {"true"}})
	if !strings.Contains(card, "Ada Lovelace") || !strings.Contains(card, "<span>É</span>") || strings.Contains(card, "<html") {
		t.Errorf("the card's registrants (a partial, with initials) are wrong:\n%s", card)
	}
}

func cmpOr(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func sortedStrings(s []string) []string {
	slices.Sort(s)
	return s
}
