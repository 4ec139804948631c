// The databases the search tests run on in a PostgreSQL app: PostgreSQL without pgvector (the
// in-memory index, as on CI's PostgreSQL 15) and with it (PGlite with pgvector, see
// testutil.PgvectorDatabaseURL).

package rag

import "myapp/internal/testutil"

// searchDatabases returns, by name, the databases a search test runs on.
func searchDatabases() map[string]testDatabase {
	return map[string]testDatabase{
		"postgres": {url: testutil.DatabaseURL},
		// PGlite serves all its connections from one session: one at a time.
		"pgvector": {url: testutil.PgvectorDatabaseURL, oneConnection: true},
	}
}
