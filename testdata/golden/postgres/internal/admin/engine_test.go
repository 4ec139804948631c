// The PostgreSQL table behind the test-only specimens model (kinds_test.go): one column of
// each kind of field.

package admin_test

const specimensTable = `CREATE TABLE specimens (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT NOT NULL,
    price    NUMERIC(12, 2),
    born_on  DATE,
    seen_at  TIMESTAMPTZ,
    size     TEXT,
    group_id BIGINT REFERENCES auth_groups (id),
    data     TEXT
)`

// insertNoteWithID saves a note with an id of the test's choosing.
const insertNoteWithID = "INSERT INTO notes (id, body) OVERRIDING SYSTEM VALUE VALUES ($1, $2)"

// searchIndexes says whether a search can go through a search index (Model.SearchIndex): in
// PostgreSQL every search reads every row, so in a big table its count is asked apart.
const searchIndexes = false
