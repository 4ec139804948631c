// Package backup writes the app's data (the database and the uploaded files) into one archive,
// and puts it back. `go run . backup` and `go run . restore` (cmd_backup.go) call it.
//
// An archive is a .tar.gz: tar streams (the archive is written in one pass, straight from the
// database copy and the storage, with no second copy of the uploads on disk), gzip shrinks the
// database several times over, and every system can open one (`tar tzvf FILE` lists it). It
// holds, in this order:
//
//	database/...     the database: a SQLite file, or a pg_dump archive (engine.go)
//	uploads/KEY      every stored file, under its key
//	manifest.json    what the archive holds, with each entry's size and SHA-256
//
// This file is the manifest and the names an archive may hold; create.go writes an archive,
// verify.go checks one, restore.go puts one back.

package backup

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"myapp/internal/uploads"
)

// manifestName is the archive's last entry: written once every checksum is known.
const manifestName = "manifest.json"

// uploadsPrefix starts the name of every stored file in the archive.
const uploadsPrefix = "uploads/"

// formatVersion changes when the archive's layout does; restore refuses layouts it does not know.
const formatVersion = 1

// Manifest describes an archive: which app and database it came from, and every entry in it.
type Manifest struct {
	Format         int       `json:"format"`
	App            string    `json:"app"`
	FastoppVersion string    `json:"fastopp_version"`
	Engine         string    `json:"engine"`           // sqlite or postgres
	Schema         string    `json:"schema,omitempty"` // PostgreSQL: the schema the tables were in
	Migration      int64     `json:"migration"`        // the last migration applied to the database
	Created        time.Time `json:"created"`
	Entries        []Entry   `json:"entries"`
}

// Entry is one file of the archive.
type Entry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Uploads counts the stored files in the archive.
func (m *Manifest) Uploads() int {
	n := 0
	for _, e := range m.Entries {
		if strings.HasPrefix(e.Name, uploadsPrefix) {
			n++
		}
	}
	return n
}

// checkName refuses any entry name restore would not write itself: nothing that could climb
// out of a folder ("../x", "/etc/passwd"), only the database entry of this engine and keys
// that uploads.NewKey could have made.
func checkName(name string) error {
	if name == manifestName || name == databaseEntry {
		return nil
	}
	if key, ok := strings.CutPrefix(name, uploadsPrefix); ok && uploads.ValidKey(key) {
		return nil
	}
	return fmt.Errorf("the archive holds %q, which no backup of this app writes (an archive from elsewhere, or one changed by hand)", name)
}

// parseManifest reads manifest.json and checks that this app can restore it.
func parseManifest(data []byte, newestMigration int64) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("manifest.json cannot be read: %w", err)
	}
	switch {
	case m.Format != formatVersion:
		return nil, fmt.Errorf("the archive's format is %d, this app reads format %d: restore it with the version of the app that made it", m.Format, formatVersion)
	case m.Engine != engine:
		return nil, fmt.Errorf("the archive holds a %s database and this app uses %s: restore it into an app made with --db %s", m.Engine, engine, m.Engine)
	case m.Migration > newestMigration:
		return nil, fmt.Errorf("the archive's database is at migration %d, but this app knows migrations up to %d only: update the app (git pull) to the version that made the backup, then restore", m.Migration, newestMigration)
	}
	return &m, nil
}
