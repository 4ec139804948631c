// Ways for this package's tests to break a restore on purpose, to show that a restore cut
// short leaves the data as it was. Being a _test.go file, this is not part of the app.

package backup

// FailAfter makes a's restores fail once n bytes of the archive have been written.
func FailAfter(a App, n int64) App {
	a.failAfter = n
	return a
}

// FailBeforeCommit makes a's restores fail at the last step, replacing the database.
func FailBeforeCommit(a App) App {
	a.failBeforeCommit = true
	return a
}
