// Files ties stored objects to the uploads table, so that the database and the storage agree:
// a save that replaces or removes a file deletes the old object only after its transaction
// commits, and a save that fails deletes the object it had just stored. Every save of a row
// with uploads goes through a Change:
//
//	change := files.Change()
//	key, err := change.Add(ctx, accepted, "people") // stores the file now, outside the transaction
//	change.Remove(oldKey)                           // the file the row used before
//	err = database.WriteTx(ctx, db, func(tx *sql.Tx) error {
//		... update the row ...
//		return change.Record(ctx, tx)
//	})
//	change.Finish(ctx, err == nil)                  // deletes the objects nobody uses any more

package uploads

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"myapp/internal/database"
	"myapp/internal/models"
)

// Files keeps uploads in a Storage and their records in the uploads table.
type Files struct {
	db     *sql.DB
	store  Storage
	cdnURL string
	logger *slog.Logger
	public map[string]bool // the owner tables whose files anyone may download (MakePublic)
}

// NewFiles returns the uploads kept in store and recorded in db. cdnURL is S3_CDN_URL, the
// bucket's public address: when it is set, pages link the files there (URL).
func NewFiles(db *sql.DB, store Storage, cdnURL string, logger *slog.Logger) *Files {
	return &Files{db: db, store: store, cdnURL: cdnURL, logger: logger, public: map[string]bool{}}
}

// URL is the address a page links the file stored under key at: in S3_CDN_URL when that is
// set, otherwise the app's own GET /uploads/{key} (Serve). No key, no file: "".
func (f *Files) URL(key string) string {
	if key == "" {
		return ""
	}
	return URL(f.cdnURL, key)
}

// MakePublic lets anyone download the files of the rows of table: routes.go calls it for a
// model with public pages (`fastopp add model --pages`), whose pages show its files. Call it
// while setting up the routes, before the app serves requests.
func (f *Files) MakePublic(table string) {
	f.public[table] = true
}

// DB is the database the records are kept in.
func (f *Files) DB() *sql.DB { return f.db }

// Change is what one save does to uploads: the files it stores and the keys it lets go.
type Change struct {
	files   *Files
	added   []models.CreateUploadParams
	removed []string
}

// Change starts a save.
func (f *Files) Change() *Change {
	return &Change{files: f}
}

// Add stores an accepted upload (and its thumbnail) for a row of ownerTable and returns its
// key, which the row's column keeps. The record is written by Record, in the transaction.
func (c *Change) Add(ctx context.Context, upload *Accepted, ownerTable string) (string, error) {
	params := models.CreateUploadParams{
		ObjectKey:   NewKey(upload.Extension),
		Name:        upload.Name,
		ContentType: upload.ContentType,
		Size:        upload.Size,
		Width:       int64(upload.Width),
		Height:      int64(upload.Height),
		OwnerTable:  ownerTable,
	}
	if err := c.files.store.Put(ctx, params.ObjectKey, bytes.NewReader(upload.Body), upload.Size, upload.ContentType); err != nil {
		return "", err
	}
	c.added = append(c.added, params) // from here on, Finish cleans it up if the save fails
	if thumb := upload.Thumbnail; thumb != nil {
		params.ThumbnailKey = ThumbnailKey(params.ObjectKey)
		if err := c.files.store.Put(ctx, params.ThumbnailKey, bytes.NewReader(thumb.Body), int64(len(thumb.Body)), "image/jpeg"); err != nil {
			return "", err
		}
		c.added[len(c.added)-1] = params
	}
	return params.ObjectKey, nil
}

// Remove lets go of the file stored under key (a row's old photo); "" is ignored.
func (c *Change) Remove(key string) {
	if key != "" {
		c.removed = append(c.removed, key)
	}
}

// Record writes the change into the uploads table, inside the save's transaction: rows for
// the added files, none any more for the removed ones.
func (c *Change) Record(ctx context.Context, tx *sql.Tx) error {
	queries := models.New(tx)
	for _, params := range c.added {
		if err := queries.CreateUpload(ctx, params); err != nil {
			return err
		}
	}
	var thumbnails []string
	for _, key := range c.removed {
		thumbnail, err := queries.DeleteUpload(ctx, key)
		if errors.Is(err, sql.ErrNoRows) {
			continue // not recorded (a value from before uploads): only its object goes
		}
		if err != nil {
			return err
		}
		if thumbnail != "" {
			thumbnails = append(thumbnails, thumbnail)
		}
	}
	c.removed = append(c.removed, thumbnails...)
	return nil
}

// Finish deletes the objects no row uses any more: the removed ones when the save committed,
// the added ones when it did not. A failed delete is logged; `go run . uploads clean` finds
// what is left.
func (c *Change) Finish(ctx context.Context, committed bool) {
	var gone []string
	if committed {
		gone = c.removed
	} else {
		for _, params := range c.added {
			gone = append(gone, params.ObjectKey, params.ThumbnailKey)
		}
	}
	// The request may be over (a cancelled ctx); the clean-up must still happen.
	ctx = context.WithoutCancel(ctx)
	for _, key := range gone {
		if key == "" {
			continue
		}
		if err := c.files.store.Delete(ctx, key); err != nil {
			c.files.logger.Warn("delete upload", "key", key, "error", err)
		}
	}
}

// Access lets r download a recorded file when its table is public (MakePublic) or canView
// says r may see rows of its table; the file is offered under the name it was uploaded with.
func (f *Files) Access(canView func(r *http.Request, table string) bool) Access {
	return func(r *http.Request, key string) (string, bool) {
		row, err := models.New(f.db).GetUpload(r.Context(), key)
		if err != nil || !f.public[row.OwnerTable] && !canView(r, row.OwnerTable) {
			return "", false
		}
		return row.Name, true
	}
}

// Serve answers GET /uploads/{key} with a recorded file: to anyone when its table is public
// (MakePublic), otherwise to whoever canView lets see the rows of its table.
func (f *Files) Serve(canView func(r *http.Request, table string) bool) http.Handler {
	return Serve(f.store, f.Access(canView))
}

// NoOne lets no one download the files of tables that are not public: for an app without an
// admin to grant permissions, where only the files of models with public pages are served.
func NoOne(*http.Request, string) bool { return false }

// Orphans calls each with every stored object that no upload record names and that is older
// than grace (younger ones may belong to a save still under way).
func (f *Files) Orphans(ctx context.Context, grace time.Duration, each func(key string) error) error {
	queries := models.New(f.db)
	return f.store.List(ctx, func(key string, stored time.Time) error {
		if time.Since(stored) < grace {
			return nil
		}
		_, err := queries.GetUpload(ctx, key)
		if errors.Is(err, sql.ErrNoRows) {
			return each(key)
		}
		return err
	})
}

// Delete removes the object stored under key (for `uploads clean --delete`).
func (f *Files) Delete(ctx context.Context, key string) error {
	return f.store.Delete(ctx, key)
}

// Column is a column that holds upload keys: the admin's Image and File fields.
type Column struct {
	Owner  string // the owner_table its files are recorded with (the admin table's Name)
	Table  string // the table in the database
	Column string
}

// Unused calls each with the key of every recorded file older than grace that no row of its
// owner's columns holds any more (a row deleted by SQL, or a save that lost a race), for
// `go run . uploads clean`. Files of owners not in columns are left alone.
func (f *Files) Unused(ctx context.Context, grace time.Duration, columns []Column, each func(key string) error) error {
	records, err := models.New(f.db).ListUploads(ctx)
	if err != nil {
		return err
	}
	for _, record := range records {
		if time.Since(record.CreatedAt) < grace {
			continue
		}
		used, known, err := f.used(ctx, record.ObjectKey, record.OwnerTable, columns)
		if err != nil {
			return err
		}
		if known && !used {
			if err := each(record.ObjectKey); err != nil {
				return err
			}
		}
	}
	return nil
}

// used reports whether a row of owner holds key in one of its columns; known is false when
// columns names none of owner's.
func (f *Files) used(ctx context.Context, key, owner string, columns []Column) (used, known bool, err error) {
	for _, c := range columns {
		if c.Owner != owner {
			continue
		}
		known = true
		// Only the declarations, never a request, name the table and column.
		var n int
		query := "SELECT COUNT(*) FROM " + c.Table + " WHERE " + c.Column + " = $1"
		if err := f.db.QueryRowContext(ctx, query, key).Scan(&n); err != nil {
			return false, true, err
		}
		if n > 0 {
			return true, true, nil
		}
	}
	return false, known, nil
}

// Forget deletes the record of the file stored under key, then the file and its thumbnail.
func (f *Files) Forget(ctx context.Context, key string) error {
	change := f.Change()
	change.Remove(key)
	err := database.WriteTx(ctx, f.db, func(tx *sql.Tx) error { return change.Record(ctx, tx) })
	change.Finish(ctx, err == nil)
	return err
}
