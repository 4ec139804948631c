// The PostgreSQL part of backup and restore, through PostgreSQL's own tools: pg_dump copies
// the app's schema while the app keeps serving (a dump reads one snapshot of the database);
// pg_restore turns the dump back into SQL, and psql runs it in one transaction that first
// empties the schema: if anything fails, PostgreSQL rolls it all back and the old data stays.

package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"myapp/internal/database"
)

const (
	engine        = "postgres"
	databaseEntry = "database/postgres.dump"
	// countUploadsTables is 1 once the migration that makes the uploads table has run.
	countUploadsTables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'uploads'"
)

// dumpDatabase dumps the app's schema into the folder dir with pg_dump.
func dumpDatabase(ctx context.Context, db *sql.DB, databaseURL, dir string) (dump, error) {
	pgDump, err := tool("pg_dump")
	if err != nil {
		return dump{}, err
	}
	// pg_dump reads the snapshot this transaction exports, so the uploads table read here is
	// the one in the dump.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return dump{}, err
	}
	defer tx.Rollback()
	var snapshot string
	var schema sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot(), current_schema()").Scan(&snapshot, &schema); err != nil {
		return dump{}, fmt.Errorf("start the dump: %w", err)
	}
	if !schema.Valid {
		return dump{}, errors.New("the database has no schema to back up: the search_path of DATABASE_URL names none that exists")
	}
	recorded, err := recordedKeys(ctx, tx)
	if err != nil {
		return dump{}, err
	}
	path := filepath.Join(dir, "postgres.dump")
	// --no-owner, --no-privileges: the restore makes everything owned by whoever restores it,
	// which may be another user on another server.
	err = runTool(ctx, databaseURL, nil, pgDump, "--format=custom", "--schema="+quoteIdent(schema.String),
		"--no-owner", "--no-privileges", "--snapshot="+snapshot, "--file="+path)
	return dump{path: path, schema: schema.String, recorded: recorded}, err
}

// target is the schema a restore replaces.
type target struct {
	databaseURL      string
	schema           string // the schema the app uses now
	archived         string // the schema the archive's tables were in
	dir              string // scratch folder for the dump and its SQL
	script           string // the SQL that pg_restore made from the dump
	psql             string
	failBeforeCommit bool
}

// openTarget finds the app's schema and PostgreSQL's tools. Another program using the
// database (the app serving) is not refused: the restore waits up to 10 seconds for the
// tables it uses, then gives up with nothing changed; restart the app after a restore.
func openTarget(ctx context.Context, a App, m *Manifest) (*target, error) {
	psql, err := tool("psql")
	if err != nil {
		return nil, err
	}
	if _, err := tool("pg_restore"); err != nil {
		return nil, err
	}
	db, err := database.Open(ctx, a.DatabaseURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var schema sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return nil, err
	}
	if !schema.Valid {
		return nil, errors.New("the search_path of DATABASE_URL names no schema that exists: create it (CREATE SCHEMA name), then restore")
	}
	if m.Schema != schema.String {
		// Moving the archive's tables to another schema means dropping the app's schema, and
		// the archive's tables may use extensions of their own schema.
		var extensions int
		err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM pg_extension WHERE extnamespace::regnamespace::text IN ($1, $2)",
			schema.String, m.Schema).Scan(&extensions)
		if err != nil {
			return nil, err
		}
		if extensions > 0 {
			return nil, fmt.Errorf("the archive's tables were in the schema %q and this app's are in %q, and moving them "+
				"is refused when either schema holds extensions (such as pg_trgm): restore into a database whose search_path is %s; nothing was changed",
				m.Schema, schema.String, m.Schema)
		}
	}
	dir, err := os.MkdirTemp(a.ScratchDir, ".restore-*")
	if err != nil {
		return nil, err
	}
	return &target{databaseURL: a.DatabaseURL, schema: schema.String, archived: m.Schema, dir: dir, psql: psql}, nil
}

// stage saves the dump and has pg_restore write it out as SQL, without the statement that
// makes the schema (replace makes it).
func (t *target) stage(ctx context.Context, body io.Reader, check func() error) error {
	dumpPath := filepath.Join(t.dir, "postgres.dump")
	if err := writeFile(dumpPath, body); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	var contents strings.Builder
	if err := runTool(ctx, "", &contents, "pg_restore", "--list", dumpPath); err != nil {
		return err
	}
	var list strings.Builder
	for line := range strings.Lines(contents.String()) {
		// The schema itself, and its comment, are not restored: replace empties the schema
		// that is there (or makes one).
		if !strings.Contains(line, " SCHEMA - ") && !strings.Contains(line, " - SCHEMA ") {
			list.WriteString(line)
		}
	}
	listPath := filepath.Join(t.dir, "list")
	if err := os.WriteFile(listPath, []byte(list.String()), 0o600); err != nil {
		return err
	}
	t.script = filepath.Join(t.dir, "restore.sql")
	return runTool(ctx, "", nil, "pg_restore", "--no-owner", "--no-privileges", "--use-list="+listPath, "--file="+t.script, dumpPath)
}

// replace runs the SQL in one transaction (psql --single-transaction): if anything fails,
// PostgreSQL rolls it all back and the old data stays.
func (t *target) replace(ctx context.Context) error {
	if t.script == "" {
		return errors.New("the archive holds no database")
	}
	args := []string{"--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
		"--command=SET LOCAL lock_timeout = '10s'"}
	if t.archived == t.schema {
		args = append(args, "--command="+fmt.Sprintf(emptySchema, quoteLiteral(t.schema)), "--file="+t.script)
	} else {
		args = append(args, t.renamed()...)
	}
	if t.failBeforeCommit {
		args = append(args, "--command=SELECT 1/0") // a test's failure, inside the transaction
	}
	if err := runTool(ctx, t.databaseURL, nil, t.psql, args...); err != nil {
		return fmt.Errorf("%w (if it waited for a lock: stop the app, then restore)", err)
	}
	return nil
}

// emptySchema drops every table, view, sequence, function and type of a schema, but not what
// an extension put there: pg_trgm, which the migrations install in public, stays for the
// restored indexes (and those of other schemas) to use.
const emptySchema = `DO $$
DECLARE
	target text := %s;
	statement text;
BEGIN
	FOR statement IN
		SELECT format('DROP %%s IF EXISTS %%I.%%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW'
			WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
			target, c.relname)
		FROM pg_class c
		WHERE c.relnamespace = target::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		ORDER BY c.relkind = 'S' -- tables first: their own sequences go with them
	LOOP
		EXECUTE statement;
	END LOOP;
	FOR statement IN
		SELECT format('DROP ROUTINE IF EXISTS %%s CASCADE', p.oid::regprocedure)
		FROM pg_proc p
		WHERE p.pronamespace = target::regnamespace AND p.prokind <> 'a'
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
	LOOP
		EXECUTE statement;
	END LOOP;
	FOR statement IN
		SELECT format('DROP TYPE IF EXISTS %%I.%%I CASCADE', target, ty.typname)
		FROM pg_type ty
		WHERE ty.typnamespace = target::regnamespace AND ty.typtype IN ('e', 'd')
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = ty.oid AND d.deptype = 'e')
	LOOP
		EXECUTE statement;
	END LOOP;
END $$`

// renamed restores a backup whose tables were in another schema (production's restored into
// staging, one test's into another's): drop the app's schema, make the archive's, fill it and
// rename it. A schema that already has the archive's name is moved aside meanwhile and given
// its name back before the end: other apps never see a change. openTarget refused this when
// the app's schema holds an extension, which dropping it would take from everyone.
func (t *target) renamed() []string {
	archived, schema, aside := quoteIdent(t.archived), quoteIdent(t.schema), quoteIdent(t.archived+"_restore_aside")
	ifExists := func(name, then string) string {
		return "DO $$ BEGIN IF EXISTS (SELECT FROM pg_namespace WHERE nspname = " + quoteLiteral(name) + ") THEN " + then + "; END IF; END $$"
	}
	return []string{
		"--command=DROP SCHEMA IF EXISTS " + schema + " CASCADE",
		"--command=" + ifExists(t.archived, "ALTER SCHEMA "+archived+" RENAME TO "+aside),
		"--command=CREATE SCHEMA " + archived,
		"--file=" + t.script,
		"--command=ALTER SCHEMA " + archived + " RENAME TO " + schema,
		"--command=" + ifExists(t.archived+"_restore_aside", "ALTER SCHEMA "+aside+" RENAME TO "+archived),
	}
}

// release removes the scratch folder.
func (t *target) release() {
	os.RemoveAll(t.dir)
}

// tool finds one of PostgreSQL's programs, or says how to install it.
func tool(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s is not installed: backup and restore of PostgreSQL use its client tools, "+
			"at least as new as the server (Debian/Ubuntu: sudo apt install postgresql-client; macOS: brew install libpq && brew link --force libpq)", name)
	}
	return path, nil
}

// runTool runs a PostgreSQL program, connected to the database at databaseURL ("" for none),
// writing what it prints to out (nil: kept for the error message).
func runTool(ctx context.Context, databaseURL string, out io.Writer, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = os.Environ()
	if databaseURL != "" {
		connection, password, err := toolURL(databaseURL)
		if err != nil {
			return err
		}
		cmd.Args = append(cmd.Args, "--dbname="+connection)
		if password != "" {
			// In the environment, not the arguments, which other users of the machine can read.
			cmd.Env = append(cmd.Env, "PGPASSWORD="+password)
		}
	}
	var messages strings.Builder
	cmd.Stdout, cmd.Stderr = out, &messages
	if out == nil {
		cmd.Stdout = &messages
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s failed: %w: %s", filepath.Base(name), err, strings.TrimSpace(messages.String()))
	}
	return nil
}

// toolURL turns DATABASE_URL into a URL for PostgreSQL's tools: without the password (passed
// apart) and without search_path, which pgx reads but libpq's tools refuse (the schema is
// passed apart too).
func toolURL(databaseURL string) (connection, password string, err error) {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "", "", errors.New("DATABASE_URL is not a URL")
	}
	if u.User != nil {
		password, _ = u.User.Password()
		u.User = url.User(u.User.Username())
	}
	query := u.Query()
	query.Del("search_path")
	u.RawQuery = query.Encode()
	return u.String(), password, nil
}

// quoteIdent quotes a schema's name for SQL and for pg_dump: "name", with " doubled.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
