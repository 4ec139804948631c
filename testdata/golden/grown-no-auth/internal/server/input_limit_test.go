// Oversize forms: rejectBadText reads every form before a handler does, so it is also where a
// form's size is limited. A form over the limit, with or without files, is refused with 413
// and never reaches a handler; a form under it passes through whole.

package server

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestFormsOverTheLimitAreRefused(t *testing.T) {
	big := strings.Repeat("a", maxFormBytes+1)
	cases := []struct {
		name        string
		contentType string
		body        []byte
		want        int
	}{
		{"small form", "application/x-www-form-urlencoded", []byte(url.Values{"body": {"hello"}}.Encode()), http.StatusOK},
		{"form just under the limit", "application/x-www-form-urlencoded", []byte("body=" + big[:maxFormBytes-len("body=")]), http.StatusOK},
		{"form over the limit", "application/x-www-form-urlencoded", []byte("body=" + big), http.StatusRequestEntityTooLarge},
		{"form with a charset over the limit", "application/x-www-form-urlencoded; charset=utf-8", []byte("body=" + big), http.StatusRequestEntityTooLarge},
		{"small multipart form", "", multipartBody(t, "hello", nil), http.StatusOK},
		{"multipart field over the limit", "", multipartBody(t, big, nil), http.StatusRequestEntityTooLarge},
		{"multipart file over the limit", "", multipartBody(t, "hello", []byte(big)), http.StatusRequestEntityTooLarge},
		{"many small fields over the limit", "application/x-www-form-urlencoded", []byte(strings.Repeat("a=b&", maxFormBytes/4+1)), http.StatusRequestEntityTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reached := false
			handler := rejectBadText(0, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reached = true
				if r.PostFormValue("body") == "" && r.PostFormValue("a") == "" {
					t.Error("the handler got the form without its fields")
				}
			}))
			contentType := tc.contentType
			if contentType == "" {
				contentType = multipartType
			}
			req := httptest.NewRequest(http.MethodPost, "/notes", bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", contentType)
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.want, rec.Body)
			}
			if tc.want != http.StatusOK {
				if reached {
					t.Error("a form over the limit reached the handler")
				}
				if !strings.Contains(rec.Body.String(), "larger than") {
					t.Errorf("the answer does not say the form is too large: %s", rec.Body)
				}
			}
		})
	}
}

// multipartType is the Content-Type of the bodies multipartBody writes.
const multipartType = "multipart/form-data; boundary=limit-test-boundary"

// multipartBody writes a multipart form with a "body" field and, when file is not nil, a file.
func multipartBody(t *testing.T, body string, file []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	form := multipart.NewWriter(&buf)
	if err := form.SetBoundary("limit-test-boundary"); err != nil {
		t.Fatal(err)
	}
	if err := form.WriteField("body", body); err != nil {
		t.Fatal(err)
	}
	if file != nil {
		part, err := form.CreateFormFile("file", "big.txt")
		if err != nil {
			t.Fatal(err)
		}
		part.Write(file)
	}
	if err := form.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFormsWithFilesMayBeLargerByTheUploadLimit: a form with a file may be as large as the
// largest upload plus maxFormBytes, and no more, whatever its fields hold.
func TestFormsWithFilesMayBeLargerByTheUploadLimit(t *testing.T) {
	const maxFileBytes = 3 << 20
	cases := []struct {
		name string
		body []byte
		want int
	}{
		{"a file over maxFormBytes, under the upload limit", multipartBody(t, "hello", bytes.Repeat([]byte("a"), 2<<20)), http.StatusOK},
		{"a file over the upload limit", multipartBody(t, "hello", bytes.Repeat([]byte("a"), maxFormBytes+maxFileBytes)), http.StatusRequestEntityTooLarge},
		{"a text field over the whole limit", multipartBody(t, strings.Repeat("a", maxFormBytes+maxFileBytes), nil), http.StatusRequestEntityTooLarge},
		{"the same as an ordinary form", []byte("body=" + strings.Repeat("a", maxFormBytes)), http.StatusRequestEntityTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			handler := rejectBadText(maxFileBytes, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
			req := httptest.NewRequest(http.MethodPost, "/notes", bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", multipartType)
			if !bytes.HasPrefix(tc.body, []byte("--")) {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("status %d, want %d: %s", rec.Code, tc.want, rec.Body)
			}
		})
	}
}
