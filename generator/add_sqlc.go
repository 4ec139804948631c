// sqlc in `fastopp add model`: the step that regenerates the query code in the staging
// folder, and the app's files it reads there.
package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
)

// sqlcStep regenerates the query code in the staging folder, and checks that sqlc named the
// model's type as the scaffolds did: sqlc names a table's type itself.
func sqlcStep(model *Model, sqlc func(context.Context, string) error) Step {
	return Step{Name: "sqlc generate (query code in internal/models)", Run: func(ctx context.Context, dir string) error {
		if err := sqlc(ctx, dir); err != nil {
			return err
		}
		generated, err := os.ReadFile(filepath.Join(dir, "internal", "models", "models.go"))
		if err != nil {
			return err
		}
		if !bytes.Contains(generated, []byte("type "+model.Go+" struct")) {
			return fmt.Errorf("sqlc named the %s table's Go type differently from %s: choose another model name", model.Table, model.Go)
		}
		return nil
	}}
}

// sqlcInputs are the files sqlc reads besides the new model's query file: the app's
// migrations and sqlc.yaml. The app's other query files are left out: sqlc writes one Go
// file per query file and models.go from the whole schema, so they need no second reading,
// and leaving them out makes the same code in half the time.
func (a *App) sqlcInputs() ([]File, error) {
	migrations := "internal/database/migrations"
	entries, err := os.ReadDir(filepath.Join(a.Root, filepath.FromSlash(migrations)))
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(a.Root, filepath.FromSlash(migrations), e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: path.Join(migrations, e.Name()), Content: content, Mode: 0o644})
	}
	config, err := os.ReadFile(filepath.Join(a.Root, "sqlc.yaml"))
	if err != nil {
		return nil, fmt.Errorf("cannot read sqlc.yaml: %w", err)
	}
	return append(files, File{Path: "sqlc.yaml", Content: config, Mode: 0o644}), nil
}
