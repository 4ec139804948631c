// The SQLite table behind the test-only specimens declaration (kinds_test.go): one column of each
// kind of field. A decimal is TEXT, because SQLite would turn a NUMERIC 12.50 into a float.

package admin_test

const createSpecimens = `CREATE TABLE specimens (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    price    TEXT,
    born_on  DATE,
    seen_at  DATETIME,
    size     TEXT,
    group_id INTEGER REFERENCES auth_groups (id),
    data     TEXT,
    photo    TEXT,
    cv       TEXT
)`

// insertNoteWithID saves a note with an id of the test's choosing.
const insertNoteWithID = "INSERT INTO notes (id, body) VALUES (?, ?)"

// searchIndexes says whether a search can go through a search index (Table.SearchIndex): in
// SQLite it can, so a search for a rare term is counted at once, even in a big table.
const searchIndexes = true

// wholeTableCountsApart says whether the list of a big table without a search is counted in
// a request of its own: SQLite counts a table quickly from an index, so a list without a search is counted in the
// page.
const wholeTableCountsApart = false

// vacuumAfterSeeding is what the benchmark runs after adding its rows: nothing in SQLite,
// which keeps no statistics unless asked, and nothing in the app asks.
const vacuumAfterSeeding = ""
