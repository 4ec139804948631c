package generator

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastopp/fastopp/templates"
)

// appReadme plans `fastopp new` with the real templates and returns the README it would write.
func appReadme(t *testing.T, o NewOptions, npmFound bool) string {
	t.Helper()
	reg, err := LoadRegistry(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	look := func(name string) (string, error) {
		if name == "npm" && !npmFound {
			return "", errors.New("not found")
		}
		return "/usr/bin/" + name, nil
	}
	o.Name, o.Dir = "shop", filepath.Join(t.TempDir(), "shop")
	plan, err := PlanNew(reg, o, Tools{LookPath: look})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range plan.Files {
		if f.Path == "README.md" {
			return strings.Join(strings.Fields(string(f.Content)), " ")
		}
	}
	t.Fatal("new writes no README.md")
	return ""
}

// TestAppReadmeSaysWhereThePagesAssetsComeFrom: the README names the CDN only when new did
// not build the assets (no npm, or --skip-assets), on every engine.
func TestAppReadmeSaysWhereThePagesAssetsComeFrom(t *testing.T) {
	const cdn, built = "from a CDN until you build them locally", "from `internal/web/static/dist/`, which `fastopp new` built with npm"
	for _, db := range Databases {
		for _, tt := range []struct {
			skipAssets, npm bool
			want, notWant   string
		}{
			{false, true, built, cdn},
			{false, false, cdn, built},
			{true, true, cdn, built},
		} {
			readme := appReadme(t, NewOptions{DB: db, SkipAssets: tt.skipAssets}, tt.npm)
			if !strings.Contains(readme, tt.want) || strings.Contains(readme, tt.notWant) {
				t.Errorf("--db %s, --skip-assets %v, npm found %v: the README does not say %q only", db, tt.skipAssets, tt.npm, tt.want)
			}
		}
	}
}

// TestAppReadmeSaysHowToGetFastopp: every app's README says how to install the fastopp
// command from a clone and once published, and what to do when the shell cannot find it.
func TestAppReadmeSaysHowToGetFastopp(t *testing.T) {
	for _, o := range []NewOptions{{DB: DBSQLite}, {DB: DBPostgres}, {DB: DBNone, Minimal: true}} {
		readme := appReadme(t, o, false)
		for _, want := range []string{
			`"fastopp: command not found"`,
			"CGO_ENABLED=0 go install ./cmd/fastopp # in your clone of the fastopp repository",
			"CGO_ENABLED=0 go install github.com/fastopp/fastopp/cmd/fastopp@latest",
			`export PATH="$PATH:$(go env GOPATH)/bin"`,
			`CGO_ENABLED=0 go run -C ../fastopp ./cmd/fastopp add page about --nav --dir "$PWD"`,
		} {
			if !strings.Contains(readme, want) {
				t.Errorf("--db %s: the README lacks %q", o.DB, want)
			}
		}
	}
}
