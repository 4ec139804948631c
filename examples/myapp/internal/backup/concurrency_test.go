// A backup taken while 8 people save through the admin (the whole app: server.New, real
// routes, forms with photos) restores to a database that is whole: every row saved complete,
// every save with its audit entry, every recorded file stored.

package backup_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/backup"
	"myapp/internal/config"
	"myapp/internal/server"
	"myapp/internal/testutil"
	"myapp/internal/uploads"
)

// photosTable is a table with an Image field, served by the admin for this test only.
var photosTable = admin.Table{
	Name:     "photos",
	DBTable:  "backup_photos",
	Title:    "Photos",
	Singular: "photo",
	Display:  "name",
	Fields: []admin.Field{
		{Column: "name", Label: "Name", Kind: admin.Text, Required: true},
		{Column: "photo", Label: "Photo", Kind: admin.Image},
	},
	List: []string{"name", "photo"},
	Sort: "name",
}

const createPhotos = `CREATE TABLE backup_photos (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    photo TEXT NOT NULL DEFAULT ''
)`

// writers: 8 people, each saving a note and a photo at least minSaves times, and on until
// wantBackups backups are made (for a minute at most, on a slow machine).
const (
	writers     = 8
	minSaves    = 3
	wantBackups = 2
)

func TestABackupTakenWhileTheAdminSavesRestoresWhole(t *testing.T) {
	t.Run("fs", func(t *testing.T) {
		cfg := testutil.Config(t) // files in a folder of the test's own
		backupWhileSaving(t, cfg)
	})
	t.Run("s3", func(t *testing.T) {
		cfg := testutil.Config(t)
		s3 := testutil.S3Bucket(t)
		cfg.StorageType, cfg.S3Bucket, cfg.S3Region, cfg.S3EndpointURL = config.StorageS3, s3.Bucket, s3.Region, s3.Endpoint
		cfg.S3AccessKey, cfg.S3SecretKey = s3.AccessKey, s3.SecretKey
		backupWhileSaving(t, cfg)
	})
}

// backupWhileSaving serves the app with the storage of cfg, backs it up again and again while
// the writers save, then restores each backup into an empty app and checks it.
func backupWhileSaving(t *testing.T, cfg config.Config) {
	needTools(t)
	databaseURL := testutil.DatabaseURL(t)
	db := testutil.OpenDB(t, databaseURL)
	if _, err := db.ExecContext(t.Context(), createPhotos); err != nil {
		t.Fatal(err)
	}
	deps := server.NewDeps(cfg, testutil.Logger(t), db)
	deps.AdminTables = append(deps.AdminTables, photosTable)
	handler, err := server.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	const password = "correct horse battery"
	if _, err := deps.Accounts.CreateUser(t.Context(), "super@example.com", password, auth.RoleSuperuser); err != nil {
		t.Fatal(err)
	}
	super := testutil.Serve(t, handler)
	super.Login("super@example.com", password)
	store, err := uploads.New(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	app := backup.App{Name: "myapp", DatabaseURL: databaseURL, Store: store, Now: testutil.NewClock().Now}

	// The backups run while the writers save; the writers save until wantBackups are made.
	done := make(chan struct{})    // the writers are done
	stopped := make(chan struct{}) // the backups are over (or failed)
	var archives []string
	var made, saves atomic.Int32
	var backups sync.WaitGroup
	backups.Go(func() {
		defer close(stopped)
		for saves.Load() < writers { // from when the writers are under way
			time.Sleep(time.Millisecond)
		}
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			path := filepath.Join(t.TempDir(), fmt.Sprintf("backup-%d.tar.gz", i))
			file, err := os.Create(path)
			if err != nil {
				t.Error(err)
				return
			}
			_, err = app.Create(t.Context(), file)
			file.Close()
			if err != nil {
				t.Errorf("backup %d: %v", i, err)
				return
			}
			archives = append(archives, path)
			made.Add(1)
		}
	})
	photo := string(testutil.SamplePNG(t))
	testutil.Concurrently(t, writers, 1, func(writer, _ int) error {
		deadline := time.Now().Add(time.Minute)
		for n := 0; n < minSaves || (made.Load() < wantBackups && time.Now().Before(deadline)); n++ {
			select {
			case <-stopped:
				return nil // a backup failed: the test reports it
			default:
			}
			name := fmt.Sprintf("save %d.%d", writer, n)
			resp, _, err := super.TryPostForm("/admin/notes/new", url.Values{"body": {name}})
			if err == nil && resp.StatusCode != http.StatusSeeOther {
				err = fmt.Errorf("%s: note status %d", name, resp.StatusCode)
			}
			if err == nil {
				err = postPhoto(super, name, photo)
			}
			if err != nil {
				return err
			}
			saves.Add(1)
			time.Sleep(50 * time.Millisecond) // a person's pace, which leaves the backup some CPU
		}
		return nil
	})
	during := int(made.Load()) // backups made from start to end while the writers saved
	close(done)
	backups.Wait()
	if t.Failed() {
		return
	}
	if during == 0 {
		t.Fatal("no backup was made while the writers saved")
	}
	for _, archive := range archives[:min(wantBackups, during)] {
		checkRestoresWhole(t, archive)
	}
}

// postPhoto adds a row to the photos table with a photo, as the admin's form does.
func postPhoto(c *testutil.Client, name, photo string) error {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	form.WriteField("name", name)
	part, err := form.CreateFormFile("photo", "photo.png")
	if err != nil {
		return err
	}
	part.Write([]byte(photo))
	form.Close()
	resp, _, err := c.Try(http.MethodPost, "/admin/photos/new", form.FormDataContentType(), &body, nil)
	if err == nil && resp.StatusCode != http.StatusSeeOther {
		err = fmt.Errorf("%s: photo status %d", name, resp.StatusCode)
	}
	return err
}

// checkRestoresWhole restores archive into an empty app and checks that what it holds is whole.
func checkRestoresWhole(t *testing.T, archive string) {
	t.Helper()
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, store)
	if _, err := f.app.Restore(t.Context(), archive, yes); err != nil {
		t.Fatalf("restore %s: %v", filepath.Base(archive), err)
	}
	db := f.db()
	count := func(query string) int {
		var n int
		if err := db.QueryRowContext(t.Context(), query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	saved := regexp.MustCompile(`^save \d\.\d+$`)
	for _, table := range []string{"notes", "backup_photos"} {
		column := map[string]string{"notes": "body", "backup_photos": "name"}[table]
		for _, value := range testutil.QueryStrings(t, db, "SELECT "+column+" FROM "+table) {
			if !saved.MatchString(value) {
				t.Errorf("%s: a row reads %q", table, value)
			}
		}
	}
	// Each save and its audit entry are one transaction: the backup has both or neither.
	rows := count("SELECT COUNT(*) FROM notes") + count("SELECT COUNT(*) FROM backup_photos")
	if audited := count("SELECT COUNT(*) FROM admin_audit WHERE action = 'add'"); audited != rows {
		t.Errorf("%d rows but %d additions in the audit log", rows, audited)
	}
	if n := count("SELECT COUNT(*) FROM backup_photos WHERE photo NOT IN (SELECT object_key FROM uploads)"); n > 0 {
		t.Errorf("%d photos name a file the uploads table does not record", n)
	}
	stored := make(map[string]bool)
	for _, key := range testutil.StoredKeys(t, store) {
		stored[key] = true
	}
	for _, key := range testutil.QueryStrings(t, db, "SELECT object_key FROM uploads UNION SELECT thumbnail_key FROM uploads WHERE thumbnail_key <> ''") {
		if !stored[key] {
			t.Errorf("the uploads table records %s, which is not stored", key)
		}
	}
	t.Logf("%s: %d rows", filepath.Base(archive), rows)
}
