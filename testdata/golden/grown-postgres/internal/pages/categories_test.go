// Tests of the public categories pages through the whole app (server.New, with their routes in
// routes.go), on a real database. Made by
// `fastopp add model Category --pages`.

package pages_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

func TestCategoriesPages(t *testing.T) {
	site, deps := newSite(t) // the whole app, with its routes in routes.go
	db := deps.DB
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)
	row, err := service.Create(t.Context(), models.CreateCategoryParams{
		Name:     "Name 1",
		ParentID: sql.NullInt64{Int64: parentID, Valid: true},
		Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
		Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
		Cover:    sql.NullString{String: "Cover 1", Valid: true},
		Manual:   sql.NullString{String: "Manual 1", Valid: true},
		StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
		Views:    41,
		Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		Featured: sql.NullBool{Bool: true, Valid: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := site.Get("/categories")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`id="categories-row-%d"`, row.ID)) {
		t.Errorf("list: status %d, want 200 and the new category:\n%s", resp.StatusCode, body)
	}
	resp, body = site.Get(fmt.Sprintf("/categories/%d", row.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Name") {
		t.Errorf("detail: status %d, want 200 and the fields:\n%s", resp.StatusCode, body)
	}
	for _, missing := range []string{"/categories/999999", "/categories/abc"} {
		if resp, _ := site.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
		}
	}
}

// TestCategoriesPageNumbers asks the list for every kind of ?page=: a page past the end
// (however big) goes to the last page, anything that is not a page number shows the first.
func TestCategoriesPageNumbers(t *testing.T) {
	site, deps := newSite(t)
	db := deps.DB
	service := services.NewCategoryService(db)
	parentID := testutil.InsertRow(t, db, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)
	if _, err := service.Create(t.Context(), models.CreateCategoryParams{
		Name:     "Name 1",
		ParentID: sql.NullInt64{Int64: parentID, Valid: true},
		Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
		Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
		Cover:    sql.NullString{String: "Cover 1", Valid: true},
		Manual:   sql.NullString{String: "Manual 1", Valid: true},
		StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
		Views:    41,
		Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		Featured: sql.NullBool{Bool: true, Valid: true},
	}); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"page=0", "page=-1", "page=", "page=abc", "page=2.5", "page=1&page=9", "page=%2B1",
		"page=-99999999999999999999", "page=2", "page=2147483647", "page=9223372036854775807", "page=99999999999999999999999"} {
		resp, body := site.Get("/categories?" + query)
		switch {
		case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "page=1"):
		case resp.StatusCode == http.StatusOK && strings.Contains(body, `id="categories-row-`):
		default:
			t.Errorf("?%s: status %d, Location %q: want the only page, or a redirect to it\n%.300s", query, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}

// TestCategoriesPagesShowTheirFiles uploads a Cover and follows the detail page's link
// to it: the pages are public, so anyone may download the file (files.MakePublic in routes.go).
// With S3_CDN_URL set, the page links the file there instead of /uploads/.
func TestCategoriesPagesShowTheirFiles(t *testing.T) {
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
			service := services.NewCategoryService(deps.DB)
			parentID := testutil.InsertRow(t, deps.DB, "INSERT INTO categories (name, views) VALUES ($1, $2) RETURNING id", "Name 9", 49)
			row, err := service.Create(t.Context(), models.CreateCategoryParams{
				Name:     "Name 1",
				ParentID: sql.NullInt64{Int64: parentID, Valid: true},
				Meta:     sql.NullString{String: "{\"size\": 1}", Valid: true},
				Code:     sql.NullString{String: "123e4567-e89b-12d3-a456-426614174001", Valid: true},
				Cover:    sql.NullString{String: "Cover 1", Valid: true},
				Manual:   sql.NullString{String: "Manual 1", Valid: true},
				StartsAt: sql.NullTime{Time: time.Date(2030, 1, 1, 14, 30, 0, 0, time.UTC), Valid: true},
				Views:    41,
				Day:      sql.NullTime{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
				Featured: sql.NullBool{Bool: true, Valid: true},
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
			if err := service.SetCover(t.Context(), deps.DB, files, row.ID, upload); err != nil {
				t.Fatal(err)
			}

			_, body := site.Get(fmt.Sprintf("/categories/%d", row.ID))
			link := regexp.MustCompile(`id="cover-image" src="([^"]*)"`).FindStringSubmatch(body)
			if link == nil {
				t.Fatalf("the detail page has no link to the Cover:\n%s", body)
			}
			if cdn != "" {
				if !strings.HasPrefix(link[1], cdn+"/") {
					t.Errorf("the Cover is linked at %s, want it in S3_CDN_URL (%s/...)", link[1], cdn)
				}
				return // the CDN serves it, not the app
			}
			if !strings.HasPrefix(link[1], "/uploads/") {
				t.Fatalf("the Cover is linked at %s, want /uploads/...", link[1])
			}
			if resp, got := site.Get(link[1]); resp.StatusCode != http.StatusOK || got != string(upload.Body) {
				t.Errorf("GET %s with no one logged in: status %d, %d bytes; want 200 and the file", link[1], resp.StatusCode, len(got))
			}
		})
	}
}
