// SQLite only: a restore while the app has the database open is refused, since the app would
// go on writing to the file the restore replaced. (PostgreSQL's restore waits for the app's
// transactions instead, in engine.go.)

package backup_test

import (
	"strings"
	"testing"

	"myapp/internal/uploads"
)

func TestRestoreRefusesWhileTheAppHasTheDatabaseOpen(t *testing.T) {
	store, err := uploads.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, store)
	f.fill()
	archive := f.backup()
	f.damage()
	before := f.state()
	serving := f.db() // as `go run . serve` holds it
	if err := serving.PingContext(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.Restore(t.Context(), archive, yes)
	if err == nil || !strings.Contains(err.Error(), "in use") || !strings.Contains(err.Error(), "stop the app") {
		t.Fatalf("restore while the app serves: %v, want a refusal saying to stop the app", err)
	}
	if diff := f.state().diff(before); diff != "" {
		t.Errorf("the data changed:\n%s", diff)
	}
	serving.Close()
	if _, err := f.app.Restore(t.Context(), archive, yes); err != nil {
		t.Errorf("restore once the app stopped: %v", err)
	}
}

// needTools does nothing: SQLite's backups need no other program.
func needTools(*testing.T) {}
