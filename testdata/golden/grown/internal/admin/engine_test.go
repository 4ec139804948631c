// The SQLite table behind the test-only specimens model (kinds_test.go): one column of each
// kind of field. A decimal is TEXT, because SQLite would turn a NUMERIC 12.50 into a float.

package admin_test

const specimensTable = `CREATE TABLE specimens (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    price    TEXT,
    born_on  DATE,
    seen_at  DATETIME,
    size     TEXT,
    group_id INTEGER REFERENCES auth_groups (id),
    data     TEXT
)`

// insertNoteWithID saves a note with an id of the test's choosing.
const insertNoteWithID = "INSERT INTO notes (id, body) VALUES (?, ?)"

// searchIndexes says whether a search can go through a search index (Model.SearchIndex): in
// SQLite it can, so a search for a rare term is counted at once, even in a big table.
const searchIndexes = true
