// The admin declarations of the documents (internal/rag) and their chunks. Staff may rename,
// share and delete documents here; the chunks are read-only, written by the documents
// service. Deleting a document deletes its chunks (ON DELETE CASCADE), its stored file (the
// File field) and, through FollowDocuments, its vectors in the search index.

package admin

import (
	"context"

	"myapp/internal/rag"
)

var ragDocumentsTable = Table{
	Name:     "rag_documents",
	DBTable:  "rag_documents",
	Title:    "Documents",
	Singular: "document",
	Display:  "title", // its title stands for it in the chunks' document column
	NoAdd:    true,    // documents are added on /documents, where their text is read and chunked
	Fields: []Field{
		{Column: "title", Label: "Title", Kind: Text, Required: true, MaxLength: 200},
		{Column: "owner_id", Label: "Owner", Kind: ForeignKey, References: "users", ReadOnly: true},
		{Column: "shared", Label: "Shared", Kind: Boolean, Help: "Every user searches a shared document, and the chat may answer from it."},
		{Column: "content_type", Label: "Type", Kind: Choice, ReadOnly: true, Choices: []Option{
			{Value: rag.TypeText, Label: "Text"}, {Value: rag.TypeMarkdown, Label: "Markdown"},
			{Value: rag.TypeHTML, Label: "HTML"}, {Value: rag.TypePDF, Label: "PDF"},
		}},
		{Column: "upload_key", Label: "Original file", Kind: File, ReadOnly: true},
		{Column: "status", Label: "Status", Kind: Choice, ReadOnly: true, Choices: []Option{
			{Value: rag.StatusPending, Label: "Pending"}, {Value: rag.StatusReady, Label: "Ready"}, {Value: rag.StatusFailed, Label: "Failed"},
		}},
		{Column: "error", Label: "Error", Kind: Text, ReadOnly: true},
		{Column: "chunk_count", Label: "Chunks", Kind: Integer, ReadOnly: true},
		{Column: "embedded_count", Label: "Embedded", Kind: Integer, ReadOnly: true},
		{Column: "created_at", Label: "Added", Kind: DateTime, ReadOnly: true},
	},
	List:    []string{"title", "owner_id", "shared", "status", "chunk_count", "created_at"},
	Search:  []string{"title"},
	Filters: []string{"owner_id", "shared", "status", "created_at"},
	Sort:    "-created_at",
}

var ragChunksTable = Table{
	Name:     "rag_chunks",
	DBTable:  "rag_chunks",
	Title:    "Document chunks",
	Singular: "document chunk",
	ReadOnly: true,
	Fields: []Field{
		{Column: "document_id", Label: "Document", Kind: ForeignKey, References: "rag_documents"},
		{Column: "position", Label: "Position", Kind: Integer},
		{Column: "heading", Label: "Heading", Kind: Text},
		{Column: "text", Label: "Text", Kind: LongText},
		{Column: "tokens", Label: "Tokens", Kind: Integer},
	},
	List:    []string{"text", "document_id", "heading", "position", "tokens"},
	Search:  []string{"heading", "text"},
	Filters: []string{"document_id"},
	Sort:    "document_id",
}

// FollowDocuments makes the documents table tell the documents service about each change and
// delete once it is saved, so that the search index, which keeps a copy of who may see each
// document, follows the admin (server.NewDeps calls it).
func FollowDocuments(tables []Table, documents *rag.Service) []Table {
	for i := range tables {
		if tables[i].Name == ragDocumentsTable.Name {
			tables[i].AfterCommit = func(ctx context.Context, id int64) { documents.Sync(ctx, id) }
		}
	}
	return tables
}
