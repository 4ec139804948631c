// The list page's speed on a big table: 100,000 notes, searched and sorted, 50 rows shown.
// Run it with: go test ./internal/admin -run '^$' -bench ListPage -benchtime 200x

package admin_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/models"
	"myapp/internal/server"
	"myapp/internal/testutil"
)

func BenchmarkListPage(b *testing.B) {
	cfg, db := testutil.Config(b), testutil.NewDB(b)
	logger := slog.New(slog.DiscardHandler)
	ctx := b.Context()

	// 100,000 notes in one transaction: a fifth of them mention "apple".
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	queries := models.New(tx)
	fruits := []string{"Apple", "pear", "plum", "cherry", "fig"}
	for i := range 100_000 {
		if _, err := queries.CreateNote(ctx, fmt.Sprintf("Note %d about a %s", i, fruits[i%len(fruits)])); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}

	if _, err := auth.NewService(cfg, db, logger).CreateUser(ctx, "super@example.com", testPassword, auth.RoleSuperuser); err != nil {
		b.Fatal(err)
	}
	handler, err := server.New(cfg, logger, db)
	if err != nil {
		b.Fatal(err)
	}
	login := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"email": {"super@example.com"}, "password": {testPassword}}.Encode()))
	login.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	answer := httptest.NewRecorder()
	handler.ServeHTTP(answer, login)
	cookies := answer.Result().Cookies()
	if answer.Code != http.StatusSeeOther || len(cookies) == 0 {
		b.Fatalf("login: status %d", answer.Code)
	}

	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/admin/notes?q=APPLE&sort=-created_at&page=3", nil)
		req.AddCookie(cookies[0])
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "more than 1000 rows") {
			b.Fatalf("list page: status %d\n%.500s", rec.Code, rec.Body.String())
		}
	}
}
