// The databases the search tests run on in a SQLite app: SQLite, with the in-memory index.

package rag

import "myapp/internal/testutil"

// searchDatabases returns, by name, the databases a search test runs on.
func searchDatabases() map[string]testDatabase {
	return map[string]testDatabase{"sqlite": {url: testutil.DatabaseURL}}
}
