// Tests for the migrations: every migration must apply, undo and apply again cleanly.

package database_test

import (
	"testing"

	"myapp/internal/database"
	"myapp/internal/testutil"
)

func TestMigrationsGoDownAndUpAgain(t *testing.T) {
	db := testutil.NewDB(t) // already migrated up
	migrator, err := database.NewMigrator(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	latest, err := migrator.GetDBVersion(ctx)
	if err != nil || latest == 0 {
		t.Fatalf("after migrating: version %d, error %v; want the latest version", latest, err)
	}

	if _, err := migrator.DownTo(ctx, 0); err != nil {
		t.Fatalf("migrate down to zero: %v (check each -- +goose Down section)", err)
	}
	if version, _ := migrator.GetDBVersion(ctx); version != 0 {
		t.Errorf("after going down: version %d, want 0", version)
	}
	if _, err := db.ExecContext(ctx, "SELECT COUNT(*) FROM notes"); err == nil {
		t.Error("the notes table still exists after migrating down to zero")
	}

	applied, err := database.Migrate(ctx, db)
	if err != nil {
		t.Fatalf("migrate up again: %v", err)
	}
	if len(applied) == 0 {
		t.Error("migrating up again applied nothing")
	}
	if version, _ := migrator.GetDBVersion(ctx); version != latest {
		t.Errorf("after going up again: version %d, want %d", version, latest)
	}
}
