// Tests of the public people pages through the whole app (server.New, with their routes in
// routes.go), on a real database. Made by
// `fastopp add model Person --pages`.

package pages_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

func TestPeoplePages(t *testing.T) {
	site, deps := newSite(t) // the whole app, with its routes in routes.go
	db := deps.DB
	service := services.NewPersonService(db)
	row, err := service.Create(t.Context(), models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := site.Get("/people")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="people-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new person:\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `class="photo-thumbnail h-12 rounded" src="/uploads/`) {
		t.Errorf("the list does not show the Photo small:\n%s", body)
	}
	resp, body = site.Get(fmt.Sprintf("/people/%d", row.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Name") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `id="photo-image" src="/uploads/`) {
		t.Errorf("the detail page does not show the Photo:\n%s", body)
	}
	for _, missing := range []string{"/people/999999", "/people/abc"} {
		if resp, _ := site.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
		}
	}
}

// TestPeoplePageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestPeoplePageNumbers(t *testing.T) {
	site, deps := newSite(t)
	db := deps.DB
	service := services.NewPersonService(db)
	if _, err := service.Create(t.Context(), models.CreatePersonParams{
		Name:  "Name 1",
		Photo: "Photo 1",
		Cv:    sql.NullString{String: "Cv 1", Valid: true},
	}); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		resp, body := site.Get("/people?" + query)
		switch {
		case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "page=1"):
		case resp.StatusCode == http.StatusOK && strings.Contains(body, `id="people-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}

// TestPeoplePagesShowTheirFiles uploads a Photo and follows the detail page's link
// to it: the pages are public, so anyone may download the file (files.MakePublic in routes.go).
// With S3_CDN_URL set, the page links the file there instead of /uploads/.
func TestPeoplePagesShowTheirFiles(t *testing.T) {
	for _, cdn := range []string{"", "https://cdn.example.com/bucket"} {
		t.Run("S3_CDN_URL="+cdn, func(t *testing.T) {
			cfg := testutil.Config(t)
			cfg.S3CDNURL = cdn
			deps := server.NewDeps(cfg, testutil.Logger(t), testutil.NewDB(t))
			handler, err := server.New(deps)
			if err != nil {
				t.Fatal(err)
			}
			site := testutil.Serve(t, handler) // no one logged in
			service := services.NewPersonService(deps.DB)
			row, err := service.Create(t.Context(), models.CreatePersonParams{
				Name:  "Name 1",
				Photo: "Photo 1",
				Cv:    sql.NullString{String: "Cv 1", Valid: true},
			})
			if err != nil {
				t.Fatal(err)
			}
			// The same folder as the app's (UPLOAD_DIR), for the upload to be there to serve.
			store, err := uploads.NewFS(cfg.UploadDir)
			if err != nil {
				t.Fatal(err)
			}
			files := uploads.NewFiles(deps.DB, store, cfg.S3CDNURL, testutil.Logger(t))
			upload := testutil.SampleUpload(t, uploads.Image)
			if err := service.SetPhoto(t.Context(), deps.DB, files, row.ID, upload); err != nil {
				t.Fatal(err)
			}

			_, body := site.Get(fmt.Sprintf("/people/%d", row.ID))
			link := regexp.MustCompile(`id="photo-image" src="([^"]*)"`).FindStringSubmatch(body)
			if link == nil {
				t.Fatalf("the detail page has no link to the Photo:\n%s", body)
			}
			if cdn != "" {
				if !strings.HasPrefix(link[1], cdn+"/") {
					t.Errorf("the Photo is linked at %s, want it in S3_CDN_URL (%s/...)", link[1], cdn)
				}
				return // the CDN serves it, not the app
			}
			if !strings.HasPrefix(link[1], "/uploads/") {
				t.Fatalf("the Photo is linked at %s, want /uploads/...", link[1])
			}
			if resp, got := site.Get(link[1]); resp.StatusCode != http.StatusOK || got != string(upload.Body) {
				t.Errorf("GET %s with no one logged in: status %d, %d bytes; want 200 and the file", link[1], resp.StatusCode, len(got))
			}
		})
	}
}
