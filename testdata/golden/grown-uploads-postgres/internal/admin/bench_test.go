// The list page's speed on a big table: 100,000 notes, searched and sorted, 50 rows shown,
// with the exact count of the rows that match, and the speed of the count the page asks for
// apart when counting means reading every row (see List in store.go). Run it with:
// go test ./internal/admin -run '^$' -bench ListPage -benchtime 200x

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

	// 100,000 notes in one transaction: all say "about", a fifth "Apple", eleven "Note 4242".
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
	if vacuumAfterSeeding != "" { // engine_test.go
		if _, err := db.ExecContext(ctx, vacuumAfterSeeding); err != nil {
			b.Fatal(err)
		}
	}

	deps := server.NewDeps(cfg, logger, db)
	if _, err := deps.Accounts.CreateUser(ctx, "super@example.com", testPassword, auth.RoleSuperuser); err != nil {
		b.Fatal(err)
	}
	handler, err := server.New(deps)
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

	// A search for a term in every row, in a fifth of them, in a few and in none, each sorted
	// newest first; then sorted by body, with and without a search. The terms in many rows are
	// too common for the search index: the search reads every row, and so would their count,
	// which the page asks for in a second request. PostgreSQL finds the rare terms through a
	// trigram index, but counts them apart all the same. The last two are the hard cases: a rare phrase made of common
	// three-letter pieces (every note holds "abo", "bou", "out"), and a term in 11,111 notes
	// that are all among the oldest, so a page newest first reads most rows to find 50.
	searches := []struct {
		name, query, total string
		countApart         bool
	}{
		{"no_search", "", "100000 rows", wholeTableCountsApart}, // the first page a click on Notes shows
		{"every_row", "q=ABOUT&sort=-created_at&page=3", "100000 rows", true},
		{"a_fifth", "q=APPLE&sort=-created_at&page=3", "20000 rows", true},
		{"a_few_rows", "q=note+4242&sort=-created_at", "11 rows", !searchIndexes},
		{"no_row", "q=banana&sort=-created_at", "0 rows", !searchIndexes},
		{"every_row_by_body", "q=ABOUT&sort=body&page=3", "100000 rows", true},
		{"no_search_by_body", "sort=-body&page=3", "100000 rows", wholeTableCountsApart},
		{"common_pieces", "q=42+about&sort=-created_at", "1000 rows", !searchIndexes},
		{"far_from_the_sort", "q=note+4&sort=-created_at", "11111 rows", true},
	}
	get := func(b *testing.B, query, want string) {
		req := httptest.NewRequest(http.MethodGet, "/admin/notes?"+query, nil)
		req.AddCookie(cookies[0])
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			b.Fatalf("%s: status %d, want %s\n%.500s", query, rec.Code, want, rec.Body.String())
		}
	}
	for _, search := range searches {
		b.Run(search.name, func(b *testing.B) {
			want := `id="admin-total">` + search.total
			if search.countApart {
				want = `count the rows</a>`
			}
			for b.Loop() {
				get(b, search.query, want)
			}
		})
		if search.countApart {
			b.Run(search.name+"_count", func(b *testing.B) {
				for b.Loop() {
					get(b, search.query+"&count=1", `id="admin-total">`+search.total)
				}
			})
		}
	}
}
