// Verify reads a whole archive and checks it against its manifest before restore changes
// anything: an archive that is damaged, cut short, made for another engine or a newer app, or
// that holds anything a backup never writes (a link, "../x", "/etc/passwd") is refused here.

package backup

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
)

// maxManifestSize bounds manifest.json, which is read into memory: each file takes about 150
// bytes of it, so 64 MB lists some 400,000 files.
const maxManifestSize = 64 << 20

// maxEntries bounds the files an archive may hold: verify keeps each one's checksum in memory.
const maxEntries = 1_000_000

// verify checks the archive at path and returns its manifest. newestMigration is the last
// migration this app knows.
func verify(path string, newestMigration int64) (*Manifest, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	found := make(map[string]Entry)
	var manifest []byte
	err = eachEntry(file, func(h *tar.Header, body io.Reader) error {
		if len(found) >= maxEntries {
			return fmt.Errorf("the archive holds more than %d files, more than a backup of this app holds", maxEntries)
		}
		if _, twice := found[h.Name]; twice || (h.Name == manifestName && manifest != nil) {
			return fmt.Errorf("the archive holds %s twice", h.Name)
		}
		if h.Name == manifestName {
			if h.Size > maxManifestSize {
				return fmt.Errorf("manifest.json declares %d bytes, more than a backup ever writes", h.Size)
			}
			var err error
			manifest, err = io.ReadAll(body)
			return err
		}
		hash := sha256.New()
		size, err := io.Copy(hash, body)
		if err != nil {
			return fmt.Errorf("the archive is cut short or damaged in %s: %w", h.Name, err)
		}
		found[h.Name] = Entry{Name: h.Name, Size: size, SHA256: hex.EncodeToString(hash.Sum(nil))}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if manifest == nil {
		return nil, errors.New("the archive has no manifest.json: it was not made by `go run . backup`, or it was cut short")
	}
	m, err := parseManifest(manifest, newestMigration)
	if err != nil {
		return nil, err
	}
	if err := matchEntries(m, found); err != nil {
		return nil, err
	}
	return m, nil
}

// matchEntries checks that the archive holds exactly the entries m lists, byte for byte.
func matchEntries(m *Manifest, found map[string]Entry) error {
	hasDatabase := false
	for _, want := range m.Entries {
		if err := checkName(want.Name); err != nil {
			return err
		}
		got, ok := found[want.Name]
		if !ok {
			return fmt.Errorf("the manifest lists %s, which the archive does not hold: the archive is incomplete", want.Name)
		}
		if got != want {
			return fmt.Errorf("%s does not match the size and SHA-256 checksum in the manifest: the archive is damaged, restore another one", want.Name)
		}
		delete(found, want.Name)
		hasDatabase = hasDatabase || want.Name == databaseEntry
	}
	for name := range found {
		return fmt.Errorf("the archive holds %s, which its manifest does not list: it was changed after the backup", name)
	}
	if !hasDatabase {
		return fmt.Errorf("the archive holds no %s: it was not made by `go run . backup` of this app", databaseEntry)
	}
	return nil
}

// eachEntry calls each with every entry of the .tar.gz read from r, after refusing any entry
// that is not a plain file under a name a backup writes.
func eachEntry(r io.Reader, each func(h *tar.Header, body io.Reader) error) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("not a .tar.gz archive: %w", err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the archive is damaged: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			return fmt.Errorf("the archive holds %q, which is not a plain file (a link or a folder): a backup holds only files", h.Name)
		}
		if err := checkName(h.Name); err != nil {
			return err
		}
		if err := each(h, tr); err != nil {
			return err
		}
	}
}
