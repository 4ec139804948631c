// Tests of `demo load` and `demo reset` on a real database (SQLite, and PostgreSQL with
// TEST_DATABASE_URL): loading twice adds nothing twice, two loads at once add one set, and a
// reset removes the demo's rows and files but nothing you made.

package demo_test

import (
	"database/sql"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/demo"
	"myapp/internal/models"
	"myapp/internal/rag"
	"myapp/internal/services"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// newLoader returns a loader over db whose photos go to store, printing to out.
func newLoader(t *testing.T, db *sql.DB, store uploads.Storage, out io.Writer) *demo.Loader {
	t.Helper()
	logger := testutil.Logger(t)
	files := uploads.NewFiles(db, store, "", logger)
	accounts := auth.NewService(testutil.Config(t), db, database.NewStatements(db), logger)
	loader := demo.NewLoader(db, files, testutil.UploadPolicy(), accounts, time.Now, out)
	docs := rag.NewService(testutil.Config(t), db, database.NewStatements(db), logger)
	docs.SetFiles(files)
	loader.UseDocuments(docs)
	return loader
}

// newStore returns an empty storage for uploaded files, in a folder of the test's own.
func newStore(t *testing.T) uploads.Storage {
	t.Helper()
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// countRows counts the rows of every table the demo fills, and the stored files.
func countRows(t *testing.T, db *sql.DB, store uploads.Storage) map[string]int {
	t.Helper()
	counts := map[string]int{"stored files": len(testutil.StoredKeys(t, store))}
	for _, table := range []string{"demo_categories", "demo_products", "demo_webinars", "demo_registrants", "demo_rows", "uploads", "users", "rag_documents"} {
		var n int
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

// loaded is what one `demo load` adds to an empty app: the samples of samples.go, a photo and
// its thumbnail per registrant.
var loaded = map[string]int{
	"demo_categories": 5, "demo_products": 20, "demo_webinars": 3, "demo_registrants": 8,
	"uploads": 8, "stored files": 16,
	"users": 4, "rag_documents": 3, "demo_rows": 43,
}

func TestLoadTwiceAddsNothingTwice(t *testing.T) {
	db, store := testutil.NewDB(t), newStore(t)
	var out strings.Builder
	loader := newLoader(t, db, store, &out)
	if err := loader.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	first := countRows(t, db, store)
	if !maps.Equal(first, loaded) {
		t.Fatalf("after one load:\n got %v\nwant %v", first, loaded)
	}
	out.Reset()
	if err := loader.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	if again := countRows(t, db, store); !maps.Equal(again, first) {
		t.Errorf("a second load changed the counts:\n got %v\nwant %v", again, first)
	}
	if !strings.Contains(out.String(), "products:") || !strings.Contains(out.String(), "0 added,  20 already there") {
		t.Errorf("the second load must say it added nothing:\n%s", out.String())
	}
	if strings.Contains(out.String(), "password") {
		t.Errorf("a password is shown once, when its user is made:\n%s", out.String())
	}
}

// TestConcurrentLoadsAddOneSet runs four loads at once, each with a database handle of its
// own as four `go run . demo load` would: the app ends up with one set of samples.
func TestConcurrentLoadsAddOneSet(t *testing.T) {
	url, store := testutil.DatabaseURL(t), newStore(t)
	var handles []*sql.DB
	for range 4 {
		db, err := database.Open(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		handles = append(handles, db)
	}
	if _, err := database.Migrate(t.Context(), handles[0]); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(handles))
	for i, db := range handles {
		wg.Go(func() { errs[i] = newLoader(t, db, store, io.Discard).Load(t.Context()) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := countRows(t, handles[0], store); !maps.Equal(got, loaded) {
		t.Errorf("after four loads at once:\n got %v\nwant %v", got, loaded)
	}
}

// TestConcurrentResetsRemoveEachRowOnce: two resets at once both succeed, and together remove
// the demo's rows and files once.
func TestConcurrentResetsRemoveEachRowOnce(t *testing.T) {
	url, store := testutil.DatabaseURL(t), newStore(t)
	first, err := database.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { first.Close() })
	if _, err := database.Migrate(t.Context(), first); err != nil {
		t.Fatal(err)
	}
	if err := newLoader(t, first, store, io.Discard).Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	second, err := database.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, db := range []*sql.DB{first, second} {
		wg.Go(func() { errs[i] = newLoader(t, db, store, io.Discard).Reset(t.Context()) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for table, n := range countRows(t, first, store) {
		if n != 0 {
			t.Errorf("after two resets at once, %s holds %d", table, n)
		}
	}
}

// TestLoadWithoutStorageSkipsThePhotos: with STORAGE_TYPE=none the rows load, without photos.
func TestLoadWithoutStorageSkipsThePhotos(t *testing.T) {
	db := testutil.NewDB(t)
	cfg := testutil.Config(t)
	cfg.StorageType = config.StorageNone
	store, err := uploads.New(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	files := uploads.NewFiles(db, store, "", testutil.Logger(t))
	accounts := auth.NewService(cfg, db, database.NewStatements(db), testutil.Logger(t))
	var out strings.Builder
	loader := demo.NewLoader(db, files, testutil.UploadPolicy(), accounts, time.Now, &out)
	if err := loader.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "STORAGE_TYPE") {
		t.Errorf("demo load must say why there are no photos:\n%s", out.String())
	}
}

// TestSampleUsersFollowFastOppsRules: the marketing and sales users may see and change
// registrants (FastOpp's rule), and nothing else of the demo.
func TestSampleUsersFollowFastOppsRules(t *testing.T) {
	ctx := t.Context()
	db := testutil.NewDB(t)
	if err := newLoader(t, db, newStore(t), io.Discard).Load(ctx); err != nil {
		t.Fatal(err)
	}
	accounts := auth.NewService(testutil.Config(t), db, database.NewStatements(db), testutil.Logger(t))
	for _, tt := range []struct {
		email, model, action string
		want                 bool
	}{
		{"marketing@demo.example.com", "demo_registrants", "view", true},
		{"marketing@demo.example.com", "demo_registrants", "change", true},
		{"marketing@demo.example.com", "demo_registrants", "delete", false},
		{"sales@demo.example.com", "demo_registrants", "view", true},
		{"sales@demo.example.com", "demo_products", "view", false},
		{"staff@demo.example.com", "demo_registrants", "view", false},
		{"student@demo.example.com", "demo_registrants", "view", false},
	} {
		user, err := accounts.UserByEmail(ctx, tt.email)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := accounts.HasPerm(ctx, user.ID, tt.model, tt.action); err != nil || got != tt.want {
			t.Errorf("%s may %s %s: %v (%v), want %v", tt.email, tt.action, tt.model, got, err, tt.want)
		}
	}
}

func TestResetRemovesOnlyWhatTheDemoAdded(t *testing.T) {
	ctx := t.Context()
	db, store := testutil.NewDB(t), newStore(t)
	files := uploads.NewFiles(db, store, "", testutil.Logger(t))
	loader := newLoader(t, db, store, io.Discard)

	// Before the load: a category of yours that the demo also uses.
	garden, err := services.NewDemoCategoryService(db).Create(ctx, "Garden")
	if err != nil {
		t.Fatal(err)
	}
	if err := loader.Load(ctx); err != nil {
		t.Fatal(err)
	}
	// After it: a product in a demo category, a registrant with a photo for a demo webinar.
	books := categoryNamed(t, db, "Books")
	product, err := services.NewDemoProductService(db).Create(ctx, models.CreateDemoProductParams{Name: "My own book", CategoryID: books, Price: "3.00", Stock: 1})
	if err != nil {
		t.Fatal(err)
	}
	webinar := webinarTitled(t, db, "HTMX without tears")
	registrants := services.NewDemoRegistrantService(db)
	mine, err := registrants.Create(ctx, models.CreateDemoRegistrantParams{WebinarID: webinar, Name: "Me", Email: "me@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	demoFiles := testutil.StoredKeys(t, store)
	if err := registrants.SetPhoto(ctx, db, files, mine.ID, testutil.SampleUpload(t, uploads.Image)); err != nil {
		t.Fatal(err)
	}
	myFiles := slices.DeleteFunc(testutil.StoredKeys(t, store), func(key string) bool { return slices.Contains(demoFiles, key) })
	accounts := auth.NewService(testutil.Config(t), db, database.NewStatements(db), testutil.Logger(t))
	if _, err := accounts.CreateUser(ctx, "teacher@example.com", "a long passphrase of mine", auth.RoleStaff); err != nil {
		t.Fatal(err)
	}

	var out strings.Builder
	loader = newLoader(t, db, store, &out)
	if err := loader.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	got := countRows(t, db, store)
	want := map[string]int{
		// Garden (yours), Books (your product uses it); the webinar your registrant uses.
		"demo_categories": 2, "demo_products": 1, "demo_webinars": 1, "demo_registrants": 1,
		// Books and the webinar stay listed, for a later reset; your photo and its thumbnail.
		"demo_rows": 2, "uploads": 1, "stored files": 2,
		"users":         1,
		"rag_documents": 0,
	}
	if !maps.Equal(got, want) {
		t.Fatalf("after reset:\n got %v\nwant %v\n%s", got, want, out.String())
	}
	for _, check := range []struct {
		what string
		err  error
	}{
		{"your category", get(services.NewDemoCategoryService(db).Get(ctx, garden.ID))},
		{"your product", get(services.NewDemoProductService(db).Get(ctx, product.ID))},
		{"your registrant", get(registrants.Get(ctx, mine.ID))},
		{"your user", get(accounts.UserByEmail(ctx, "teacher@example.com"))},
	} {
		if check.err != nil {
			t.Errorf("%s is gone: %v", check.what, check.err)
		}
	}
	if stored := testutil.StoredKeys(t, store); !slices.Equal(stored, myFiles) {
		t.Errorf("stored files after reset: %v, want your photo and its thumbnail alone: %v", stored, myFiles)
	}
	if !strings.Contains(out.String(), "kept") {
		t.Errorf("reset must say what it kept:\n%s", out.String())
	}

	// Once your rows let go of them, the next reset removes the kept demo rows too.
	if err := services.NewDemoProductService(db).Delete(ctx, product.ID); err != nil {
		t.Fatal(err)
	}
	if err := registrants.Delete(ctx, db, files, mine.ID); err != nil {
		t.Fatal(err)
	}
	if err := loader.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	got = countRows(t, db, store)
	if got["demo_rows"] != 0 || got["demo_webinars"] != 0 || got["demo_categories"] != 1 {
		t.Errorf("after the second reset: %v (want Garden alone)", got)
	}
}

func categoryNamed(t *testing.T, db *sql.DB, name string) int64 {
	t.Helper()
	row, err := models.New(db).DemoCategoryByName(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	return row.ID
}

func webinarTitled(t *testing.T, db *sql.DB, title string) int64 {
	t.Helper()
	id, err := models.New(db).DemoRowID(t.Context(), "webinar:"+title)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// get keeps the error of a lookup.
func get[T any](_ T, err error) error { return err }
