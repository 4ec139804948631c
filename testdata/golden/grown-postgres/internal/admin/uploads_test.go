// Tests of Image and File fields through the admin's forms, on the specimens table
// (engine_test.go): a file is checked by its content, its metadata removed, its thumbnail
// listed; replacing, removing or deleting deletes the old objects; a refused form stores nothing.

package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

var portraitsTable = admin.Table{
	Name:     "portraits",
	DBTable:  "specimens",
	Title:    "Portraits",
	Singular: "portrait",
	Display:  "name",
	Fields: []admin.Field{
		{Column: "name", Label: "Name", Kind: admin.Text, Required: true},
		{Column: "photo", Label: "Photo", Kind: admin.Image},
		{Column: "cv", Label: "CV", Kind: admin.File},
	},
	List: []string{"name", "photo", "cv"},
	Sort: "name",
}

// portraitSite serves the whole app with the portraits table, uploads on disk and limits of
// 1 MB; it returns a superuser's browser and a function that lists what the storage holds.
func portraitSite(t *testing.T) (*testutil.Client, func() []string) {
	t.Helper()
	cfg := testutil.Config(t) // uploads go to a folder of the test's own (cfg.UploadDir)
	cfg.MaxUploadMB, cfg.MaxFileUploadMB = 1, 1
	s := newSiteWithConfig(t, cfg, portraitsTable)
	if _, err := s.db.ExecContext(t.Context(), createSpecimens); err != nil {
		t.Fatal(err)
	}
	store, err := uploads.NewFS(cfg.UploadDir) // the folder the app stores in
	if err != nil {
		t.Fatal(err)
	}
	stored := func() []string { return testutil.StoredKeys(t, store) }
	return s.user("super@example.com", auth.RoleSuperuser), stored
}

// pngWithComment is samplePNG carrying a text chunk that must not survive the upload.
func pngWithComment(t *testing.T) []byte {
	data := testutil.SamplePNG(t)
	chunk := []byte{0, 0, 0, 18, 't', 'E', 'X', 't'}
	chunk = append(chunk, "Comment\x00SECRET-GPS"...)
	chunk = append(chunk, 0, 0, 0, 0) // the CRC is not checked by the decoder
	return append(append(append([]byte{}, data[:33]...), chunk...), data[33:]...)
}

// postFiles posts a multipart form with fields and files (field -> {name, content}).
func postFiles(b *testutil.Client, path string, fields map[string]string, files map[string][2]string) (int, string) {
	form := url.Values{}
	for name, value := range fields {
		form.Set(name, value)
	}
	resp, body := b.PostFiles(path, form, files)
	return resp.StatusCode, body
}

func TestAdminUploadsAddReplaceRemoveDelete(t *testing.T) {
	b, stored := portraitSite(t)
	photo := string(pngWithComment(t))
	pdf := "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

	status, body := postFiles(b, "/admin/portraits/new", map[string]string{"name": "Ada"},
		map[string][2]string{"photo": {"../../ada.png", photo}, "cv": {"cv.pdf", pdf}})
	if status != http.StatusSeeOther {
		t.Fatalf("add with files: status %d\n%s", status, body)
	}
	first := stored()
	if len(first) != 3 {
		t.Fatalf("stored %v, want the photo, its thumbnail and the CV", first)
	}
	_, list := b.Get("/admin/portraits")
	if !strings.Contains(list, `class="admin-thumbnail`) || !strings.Contains(list, ".thumb.jpg") {
		t.Errorf("the list shows no thumbnail:\n%s", list)
	}
	_, edit := b.Get("/admin/portraits/1")
	for _, want := range []string{`enctype="multipart/form-data"`, `id="thumbnail-photo"`, `name="photo-remove"`, `id="file-cv"`, `type="file"`} {
		if !strings.Contains(edit, want) {
			t.Errorf("the edit form lacks %s", want)
		}
	}

	// Replacing the photo deletes the old one and its thumbnail once saved.
	if status, body := postFiles(b, "/admin/portraits/1", map[string]string{"name": "Ada"},
		map[string][2]string{"photo": {"new.png", photo}}); status != http.StatusSeeOther {
		t.Fatalf("replace: status %d\n%s", status, body)
	}
	second := stored()
	if len(second) != 3 || len(slices.DeleteFunc(slices.Clone(second), func(k string) bool { return slices.Contains(first, k) })) != 2 {
		t.Errorf("after replacing: %v (before: %v), want a new photo and thumbnail and the same CV", second, first)
	}

	// Ticking remove empties the field and deletes the file.
	if status, body := postFiles(b, "/admin/portraits/1", map[string]string{"name": "Ada", "cv-remove": "on"}, nil); status != http.StatusSeeOther {
		t.Fatalf("remove: status %d\n%s", status, body)
	}
	if got := stored(); len(got) != 2 || slices.ContainsFunc(got, func(k string) bool { return strings.HasSuffix(k, ".pdf") }) {
		t.Errorf("after removing the CV: %v", got)
	}

	// Deleting the row deletes its files.
	if resp, body := b.PostForm("/admin/portraits/1/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d\n%s", resp.StatusCode, body)
	}
	if got := stored(); len(got) != 0 {
		t.Errorf("after deleting the row: %v left", got)
	}
}

// TestAdminRefusesHostileUploads: each refused file is a message beside its field, and a
// refused form stores nothing, not even its good files.
func TestAdminRefusesHostileUploads(t *testing.T) {
	b, stored := portraitSite(t)
	photo := string(pngWithComment(t))
	tests := []struct {
		name   string
		fields map[string]string
		files  map[string][2]string
		want   string
	}{
		{"HTML renamed to .png", map[string]string{"name": "Eve"}, map[string][2]string{"photo": {"x.png", "<html><script>alert(1)</script></html>"}}, "text/html"},
		{"SVG with a script", map[string]string{"name": "Eve"}, map[string][2]string{"photo": {"x.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`}}, "image/svg+xml"},
		{"an image as large as the limit allows, and one byte more", map[string]string{"name": "Eve"}, map[string][2]string{"photo": {"big.png", photo + strings.Repeat("x", 1<<20)}}, "larger than"},
		{"a good photo on a form with a missing name", map[string]string{"name": ""}, map[string][2]string{"photo": {"ok.png", photo}}, "Name is required"},
		{"a program as a CV", map[string]string{"name": "Eve"}, map[string][2]string{"cv": {"cv.pdf", "MZ\x90\x00" + strings.Repeat("\x00", 100)}}, "not accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := postFiles(b, "/admin/portraits/new", tt.fields, tt.files)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want 422 with %q:\n%s", status, tt.want, body)
			}
			if got := stored(); len(got) != 0 {
				t.Errorf("a refused form stored %v", got)
			}
		})
	}
}

// TestAdminConcurrentUploads: many people adding rows with photos at once each get theirs.
func TestAdminConcurrentUploads(t *testing.T) {
	b, stored := portraitSite(t)
	photo := string(pngWithComment(t))
	const writers = 6
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			status, body := postFiles(b, "/admin/portraits/new", map[string]string{"name": fmt.Sprint("writer ", i)},
				map[string][2]string{"photo": {"p.png", photo}})
			if status != http.StatusSeeOther {
				t.Errorf("writer %d: status %d\n%s", i, status, body)
			}
		})
	}
	wg.Wait()
	if got := stored(); len(got) != 2*writers {
		t.Errorf("stored %d objects, want %d (a photo and a thumbnail each)", len(got), 2*writers)
	}
}

// TestAdminConcurrentReplacementsKeepOnePhoto: people replacing the same row's photo at once
// leave exactly the last photo stored: each save lets go of the file it really replaced.
func TestAdminConcurrentReplacementsKeepOnePhoto(t *testing.T) {
	b, stored := portraitSite(t)
	photo := string(pngWithComment(t))
	if status, body := postFiles(b, "/admin/portraits/new", map[string]string{"name": "Ada"}, map[string][2]string{"photo": {"p.png", photo}}); status != http.StatusSeeOther {
		t.Fatalf("add: status %d\n%s", status, body)
	}
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			status, body := postFiles(b, "/admin/portraits/1", map[string]string{"name": fmt.Sprint("Ada ", i)}, map[string][2]string{"photo": {"p.png", photo}})
			if status != http.StatusSeeOther {
				t.Errorf("replace %d: status %d\n%s", i, status, body)
			}
		})
	}
	wg.Wait()
	if got := stored(); len(got) != 2 {
		t.Errorf("stored %v, want only the last photo and its thumbnail", got)
	}
}
