// Archives made to harm or simply damaged: each one is refused with a message that says what
// is wrong, before restore asks anything or changes anything. The cases start from a real
// backup and change one thing in it.

package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"myapp/internal/backup"
	"myapp/internal/uploads"
)

// entry is one file of an archive, as a test reads and rewrites it.
type entry struct {
	name     string
	body     []byte
	typeflag byte   // tar.TypeReg when zero
	linkname string // of a link
	size     int64  // the size the header declares, when not len(body): the archive then ends there
}

// readArchive returns the entries of the archive at path.
func readArchive(t *testing.T, path string) []entry {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	zr, err := gzip.NewReader(file)
	if err != nil {
		t.Fatal(err)
	}
	var entries []entry
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return entries
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, entry{name: h.Name, body: body})
	}
}

// writeArchive writes entries as a .tar.gz and returns its path.
func writeArchive(t *testing.T, entries []entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	cutShort := false
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typeflag, Linkname: e.linkname, Size: int64(len(e.body)), Mode: 0o600}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Typeflag != tar.TypeReg {
			h.Size = 0
		}
		if e.size != 0 {
			h.Size, cutShort = e.size, true
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.body)
		if cutShort {
			break
		}
	}
	if !cutShort {
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "hostile.tar.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// changeManifest returns entries with their manifest changed by change.
func changeManifest(t *testing.T, entries []entry, change func(m *backup.Manifest)) []entry {
	t.Helper()
	entries = slices.Clone(entries)
	i := slices.IndexFunc(entries, func(e entry) bool { return e.name == "manifest.json" })
	var m backup.Manifest
	if err := json.Unmarshal(entries[i].body, &m); err != nil {
		t.Fatal(err)
	}
	change(&m)
	body, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	entries[i].body = body
	return entries
}

// without returns entries without the one named name.
func without(entries []entry, name string) []entry {
	return slices.DeleteFunc(slices.Clone(entries), func(e entry) bool { return e.name == name })
}

// plus returns entries with extra before the manifest (the last entry).
func plus(entries []entry, extra ...entry) []entry {
	return slices.Insert(slices.Clone(entries), len(entries)-1, extra...)
}

func TestRestoreRefusesHostileArchives(t *testing.T) {
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, store)
	f.fill()
	good := readArchive(t, f.backup())
	f.damage() // so that a restore that went ahead would show
	before := f.state()
	database, upload := good[0], good[1]
	if !strings.HasPrefix(database.name, "database/") || !strings.HasPrefix(upload.name, "uploads/") {
		t.Fatalf("the archive starts with %s, %s", database.name, upload.name)
	}
	otherKey := "uploads/" + uploads.NewKey(".txt")

	cases := []struct {
		name    string
		archive func() string
		want    string
	}{
		{"a wrong checksum", func() string {
			return writeArchive(t, changeManifest(t, good, func(m *backup.Manifest) { m.Entries[0].SHA256 = strings.Repeat("0", 64) }))
		}, "does not match the size and SHA-256"},
		{"a changed byte", func() string {
			changed := slices.Clone(good)
			changed[0].body = slices.Clone(database.body)
			changed[0].body[len(database.body)/2] ^= 1
			return writeArchive(t, changed)
		}, "does not match the size and SHA-256"},
		{"no manifest", func() string { return writeArchive(t, without(good, "manifest.json")) }, "has no manifest.json"},
		{"a manifest that is not JSON", func() string {
			return writeArchive(t, append(without(good, "manifest.json"), entry{name: "manifest.json", body: []byte("{")}))
		}, "manifest.json cannot be read"},
		{"a name that climbs out: ../x", func() string { return writeArchive(t, plus(good, entry{name: "../x", body: []byte("x")})) }, `"../x", which no backup`},
		{"a name that climbs out: uploads/../../x", func() string {
			return writeArchive(t, plus(good, entry{name: "uploads/../../x", body: []byte("x")}))
		}, "which no backup"},
		{"an absolute name", func() string { return writeArchive(t, plus(good, entry{name: "/etc/passwd", body: []byte("x")})) }, "which no backup"},
		{"a database entry under another name", func() string {
			return writeArchive(t, plus(good, entry{name: "database/other.db", body: []byte("x")}))
		}, "which no backup"},
		{"a symbolic link", func() string {
			return writeArchive(t, plus(good, entry{name: otherKey, typeflag: tar.TypeSymlink, linkname: "/etc/passwd"}))
		}, "not a plain file"},
		{"a hard link", func() string {
			return writeArchive(t, plus(good, entry{name: otherKey, typeflag: tar.TypeLink, linkname: database.name}))
		}, "not a plain file"},
		{"a folder", func() string { return writeArchive(t, plus(good, entry{name: "uploads/", typeflag: tar.TypeDir})) }, "not a plain file"},
		{"a declared size larger than the data", func() string {
			return writeArchive(t, []entry{{name: database.name, body: database.body[:100], size: 1 << 40}})
		}, "cut short"},
		{"a manifest declaring a huge size", func() string {
			return writeArchive(t, changeManifest(t, good, func(m *backup.Manifest) { m.Entries[0].Size = 1 << 40 }))
		}, "does not match the size"},
		{"a huge manifest", func() string {
			return writeArchive(t, plus(good, entry{name: "manifest.json", body: []byte("{"), size: 1 << 40}))
		}, "more than a backup ever writes"},
		{"a newer migration", func() string {
			return writeArchive(t, changeManifest(t, good, func(m *backup.Manifest) { m.Migration = 99990101000000 }))
		}, "at migration 99990101000000, but this app knows migrations up to"},
		{"another engine", func() string {
			return writeArchive(t, changeManifest(t, good, func(m *backup.Manifest) {
				m.Engine = map[string]string{"sqlite": "postgres", "postgres": "sqlite"}[m.Engine]
			}))
		}, "restore it into an app made with --db"},
		{"another format", func() string {
			return writeArchive(t, changeManifest(t, good, func(m *backup.Manifest) { m.Format = 2 }))
		}, "the archive's format is 2"},
		{"a file the manifest does not list", func() string { return writeArchive(t, plus(good, entry{name: otherKey, body: []byte("x")})) }, "its manifest does not list"},
		{"a file the archive lacks", func() string { return writeArchive(t, without(good, upload.name)) }, "which the archive does not hold"},
		{"a file twice", func() string { return writeArchive(t, plus(good, upload)) }, "twice"},
		{"no database", func() string {
			return writeArchive(t, changeManifest(t, without(good, database.name), func(m *backup.Manifest) { m.Entries = m.Entries[1:] }))
		}, "holds no database/"},
		{"not a .tar.gz", func() string {
			path := filepath.Join(t.TempDir(), "backup.tar.gz")
			os.WriteFile(path, []byte("hello"), 0o600)
			return path
		}, "not a .tar.gz archive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			asked := false
			_, err := f.app.Restore(t.Context(), c.archive(), func(*backup.Manifest) error { asked = true; return nil })
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("restore: %v\nwant an error saying %q and that nothing was changed", err, c.want)
			}
			if asked {
				t.Error("restore asked to go ahead with an archive it should refuse")
			}
			if diff := f.state().diff(before); diff != "" {
				t.Errorf("the data changed:\n%s", diff)
			}
		})
	}
}
