// The app has one statement cache, deps.Statements, made in NewDeps: every page and service
// runs its queries through it, so each query is prepared once for the whole app, not once per
// service that happens to run it.

package server

import (
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

func TestEveryServiceSharesTheStatementCache(t *testing.T) {
	site, deps := newTestApp(t, testutil.Config(t), testutil.Logger(t))
	steps := []struct {
		name string
		do   func()
	}{
		{"the notes page", func() { site.Get("/notes") }},
		{"a new user (the auth service)", func() {
			if _, err := deps.Accounts.CreateUser(t.Context(), "ada@example.com", "correct horse battery", auth.RoleUser); err != nil {
				t.Fatal(err)
			}
		}},
		{"a login (auth's handlers and sessions)", func() { site.Login("ada@example.com", "correct horse battery") }},
		{"the chat page (the chat service)", func() { site.Get("/chat") }},
	}
	for _, step := range steps {
		before := deps.Statements.Len()
		step.do()
		if deps.Statements.Len() == before {
			t.Errorf("%s prepared no query in deps.Statements: it has a statement cache of its own", step.name)
		}
	}

	// Pages seen before, by the same visitor, prepare nothing new: each query is prepared once.
	visit := func() {
		site.Get("/notes")
		site.Get("/chat")
	}
	visit()
	before := deps.Statements.Len()
	visit()
	if after := deps.Statements.Len(); after != before {
		t.Errorf("the same pages again prepared %d more queries, want none", after-before)
	}
}
