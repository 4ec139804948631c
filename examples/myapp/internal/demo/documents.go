// The demo's sample documents, for the rag feature's search and chat: a few short Markdown
// pages, shared with everyone, owned by the demo's staff user. `demo load` saves them with
// a pending job; the running app's background jobs embed them with the embedder configured
// (RAG_EMBEDDER; an offline one when there is no API key), after which search finds them.

package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/rag"
)

// sampleDocuments are the documents' titles and Markdown texts.
var sampleDocuments = []struct{ title, text string }{
	{"Welcome to the class", "# Welcome to the class\n\nThis app was made with fastopp. Each page is Go on the server, HTML with htmx in the browser, and a little Alpine.js where a page keeps state.\n\n## What to try first\n\nOpen the products demo and search for a product. Then open the admin and change its price: the demo page shows the new price at once.\n"},
	{"How the demo data works", "# How the demo data works\n\n`go run . demo load` adds products, webinars, registrants and users. Each row it adds is listed in the demo_rows table, so `go run . demo reset` removes exactly those rows and nothing you made.\n\n## Where it lives\n\nThe sample data is in internal/demo/samples.go. The tables are in migration 00007.\n"},
	{"Glossary", "# Glossary\n\n## htmx\n\nA small library that lets any element send a request and swap the HTML of the answer into the page.\n\n## sqlc\n\nA tool that turns SQL queries into Go functions, checked against the tables.\n\n## Migration\n\nA numbered SQL file that changes the database's tables; goose applies each one once.\n"},
}

// staffEmail is the demo user who owns the documents: only staff may share a document.
const staffEmail = "staff@demo.example.com"

// UseDocuments lets Load and Reset add and remove the sample documents through docs.
func (l *Loader) UseDocuments(docs *rag.Service) { l.docs = docs }

// loadDocuments adds each sample document not added yet. AddDocument runs its own
// transaction, so the key is claimed first, in one of its own: a second `demo load` at the
// same moment finds it taken and adds nothing.
func (l *Loader) loadDocuments(ctx context.Context) (added, there int, err error) {
	if l.docs == nil {
		return 0, 0, nil
	}
	owner, err := models.New(l.db).DemoRowID(ctx, "user:"+staffEmail)
	if errors.Is(err, sql.ErrNoRows) {
		fmt.Fprintf(l.out, "  no documents: the demo user %s is missing\n", staffEmail)
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	for _, d := range sampleDocuments {
		key := "document:" + d.title
		claimed := int64(0)
		err := database.WriteTx(ctx, l.db, func(tx *sql.Tx) error {
			var err error
			claimed, err = models.New(tx).ClaimDemoRow(ctx, models.ClaimDemoRowParams{DemoKey: key, TableName: "rag_documents"})
			return err
		})
		if err != nil {
			return added, there, err
		}
		if claimed == 0 {
			there++
			continue
		}
		doc, err := l.docs.AddDocument(ctx, owner, rag.NewDocument{Title: d.title, ContentType: rag.TypeMarkdown, Text: d.text, Shared: true})
		if err != nil {
			return added, there, errors.Join(err, models.New(l.db).ForgetDemoRow(ctx, key))
		}
		if err := models.New(l.db).SetDemoRowID(ctx, models.SetDemoRowIDParams{DemoKey: key, RowID: doc.ID}); err != nil {
			return added, there, err
		}
		added++
	}
	return added, there, nil
}

// resetDocuments deletes the demo's documents, with their chunks.
func (l *Loader) resetDocuments(ctx context.Context) (removed, kept int, err error) {
	if l.docs == nil {
		return 0, 0, nil
	}
	return l.resetThroughService(ctx, "rag_documents", rag.ErrNotFound, func(id int64) error {
		return l.docs.DeleteAnyDocument(ctx, id)
	})
}
