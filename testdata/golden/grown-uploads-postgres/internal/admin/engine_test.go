// The PostgreSQL table behind the test-only specimens declaration (kinds_test.go): one column of
// each kind of field.

package admin_test

const createSpecimens = `CREATE TABLE specimens (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT NOT NULL,
    price    NUMERIC(12, 2),
    born_on  DATE,
    seen_at  TIMESTAMPTZ,
    size     TEXT,
    group_id BIGINT REFERENCES auth_groups (id),
    data     TEXT,
    photo    TEXT,
    cv       TEXT
)`

// insertNoteWithID saves a note with an id of the test's choosing.
const insertNoteWithID = "INSERT INTO notes (id, body) OVERRIDING SYSTEM VALUE VALUES ($1, $2)"

// searchIndexes says whether a search can go through a search index (Table.SearchIndex), which
// is an SQLite FTS5 table: in PostgreSQL a trigram index (migration 00003) may serve the search
// instead, but the admin cannot tell in advance, so in a big table its count is asked apart.
const searchIndexes = false

// wholeTableCountsApart says whether the list of a big table without a search is counted in
// a request of its own: PostgreSQL reads every row to count them, so a big table is counted in a request of its
// own even without a search.
const wholeTableCountsApart = true

// vacuumAfterSeeding is what the benchmark runs after adding its rows: what PostgreSQL's
// autovacuum does within a minute of a big change. It gathers the statistics without which the
// planner guesses that a search matches few rows, and merges the rows a trigram index holds
// aside (its pending list) into the index, which the planner otherwise prices as if it had to
// read them all.
const vacuumAfterSeeding = "VACUUM ANALYZE notes"
