// Tests of serving uploads: whatever a stored file holds, the browser is told to download it
// unless it is a plain image, and never to guess its type; keys that are path tricks are 404.

package uploads_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"myapp/internal/uploads"
)

func TestServeNeverLetsTheBrowserRunAFile(t *testing.T) {
	eachStorage(t, func(t *testing.T, store uploads.Storage) {
		base := strings.ToLower(uploads.NewKey(""))
		stored := map[string]string{
			base + ".png":  string(encodePNG(t, picture(2, 2))),
			base + ".svg":  `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
			base + ".html": `<script>alert(1)</script>`,
			base + ".pdf":  "%PDF-1.4\n%%EOF\n",
			base + ".txt":  "<script>alert(1)</script>",
		}
		for key, body := range stored {
			if err := store.Put(t.Context(), key, strings.NewReader(body), int64(len(body)), "text/html"); err != nil {
				t.Fatal(err)
			}
		}
		mux := http.NewServeMux()
		mux.Handle("GET /uploads/{key}", uploads.Serve(store, func(r *http.Request, key string) (string, bool) {
			return `report "final".pdf`, !strings.HasPrefix(key, "zz")
		}))
		tests := []struct {
			path, status, contentType, disposition string
		}{
			{"/uploads/" + base + ".png", "200", "image/png", "inline"},
			{"/uploads/" + base + ".svg", "200", "application/octet-stream", "attachment"},
			{"/uploads/" + base + ".html", "200", "application/octet-stream", "attachment"},
			{"/uploads/" + base + ".txt", "200", "application/octet-stream", "attachment"},
			{"/uploads/" + base + ".pdf", "200", "application/pdf", "attachment"},
			{"/uploads/" + strings.Repeat("z", 26) + ".png", "404", "", ""}, // access refused
			{"/uploads/" + strings.Repeat("b", 26) + ".png", "404", "", ""}, // not stored
			{"/uploads/..%2f..%2fetc%2fpasswd", "404", "", ""},
			{"/uploads/" + base + ".png%00.html", "404", "", ""},
			{"/uploads/.env", "404", "", ""},
		}
		for _, tt := range tests {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			if got := rec.Result().Status[:3]; got != tt.status {
				t.Errorf("GET %s: %s, want %s", tt.path, got, tt.status)
				continue
			}
			if tt.status != "200" {
				continue
			}
			h := rec.Header()
			if h.Get("Content-Type") != tt.contentType || !strings.HasPrefix(h.Get("Content-Disposition"), tt.disposition) {
				t.Errorf("GET %s: %s, %s; want %s, %s", tt.path, h.Get("Content-Type"), h.Get("Content-Disposition"), tt.contentType, tt.disposition)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
				t.Errorf("GET %s: headers %v, want nosniff and a sandbox policy", tt.path, h)
			}
			if !strings.Contains(h.Get("Content-Disposition"), `filename="report \"final\".pdf"`) {
				t.Errorf("GET %s: Content-Disposition %q does not offer the uploaded name", tt.path, h.Get("Content-Disposition"))
			}
		}
	})
}
