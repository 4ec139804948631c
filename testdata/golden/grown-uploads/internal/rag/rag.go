// Package rag keeps each user's documents and finds the passages that answer a question:
// retrieval-augmented generation (RAG). A document is cut into chunks (chunk.go) from its
// text (extract.go), saved (documents.go), embedded into vectors in the background (jobs.go,
// with an Embedder), and searched by meaning and by words (search.go, with an Index).
// This file holds the Service and the types the parts share.
package rag

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/uploads"
)

// The statuses of a document: pending until every chunk is embedded, then ready; failed when
// its text could not be embedded (Document.Error says why).
const (
	StatusPending = "pending"
	StatusReady   = "ready"
	StatusFailed  = "failed"
)

// The content types a document may have.
const (
	TypeText     = "text/plain"
	TypeMarkdown = "text/markdown"
	TypeHTML     = "text/html"
	TypePDF      = "application/pdf"
)

// Embedder turns texts into vectors, one per text, in order, each of Dimensions() floats.
// Texts that mean the same get vectors pointing the same way (a high cosine similarity).
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	Model() string
	Dimensions() int
}

// RetryAfterError: the embedding service said 429 (too many requests); wait Wait before trying again.
type RetryAfterError struct {
	Wait time.Duration
	Err  error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("the embedding service is busy, try again in %s: %v", e.Wait, e.Err)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

// Index finds the chunks whose vectors are nearest a query vector.
type Index interface {
	// Add puts (or replaces) the vectors of one document's chunks, by chunk id.
	Add(ctx context.Context, doc DocInfo, vectors map[int64][]float32) error
	RemoveDocument(ctx context.Context, documentID int64) error
	SetShared(ctx context.Context, documentID int64, shared bool) error
	// Nearest returns the k chunks nearest query by cosine similarity among the documents
	// viewer may search (their own and shared ones), best first.
	Nearest(ctx context.Context, viewer int64, query []float32, k int) ([]Match, error)
	Reset(ctx context.Context, dimensions int) error // drop every vector (reindex)
}

// DocInfo is what an Index keeps about a document: whose it is and whether all may search it.
type DocInfo struct {
	ID, OwnerID int64
	Shared      bool
}

// Match is a chunk an Index found, with its cosine similarity to the query (1 is the same direction).
type Match struct {
	ChunkID int64
	Score   float64
}

// Hit is one search result: /api/search returns them as JSON.
type Hit struct {
	DocumentID int64   `json:"document_id"`
	Title      string  `json:"title"`
	ChunkID    int64   `json:"chunk_id"`
	Text       string  `json:"text"`
	Score      float64 `json:"score"`
	Heading    string  `json:"heading,omitempty"`
	Position   int     `json:"position"`
}

// Document is a document as users and the API see it.
type Document struct {
	ID            int64     `json:"id"`
	OwnerID       int64     `json:"owner_id"`
	Title         string    `json:"title"`
	ContentType   string    `json:"content_type"`
	Shared        bool      `json:"shared"`
	Status        string    `json:"status"` // pending, ready or failed
	Error         string    `json:"error,omitempty"`
	ChunkCount    int       `json:"chunk_count"`
	EmbeddedCount int       `json:"embedded_count"`
	Progress      int       `json:"progress"` // per cent of the chunks embedded
	UploadKey     string    `json:"-"`        // the stored original; "" for pasted text
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// newDocument turns a row into a Document, working out its progress.
func newDocument(row models.RagDocument) Document {
	d := Document{
		ID: row.ID, OwnerID: row.OwnerID, Title: row.Title, ContentType: row.ContentType,
		Shared: row.Shared, Status: row.Status, Error: row.Error,
		ChunkCount: int(row.ChunkCount), EmbeddedCount: int(row.EmbeddedCount),
		UploadKey: row.UploadKey, CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt,
	}
	switch {
	case d.Status == StatusReady:
		d.Progress = 100
	case d.ChunkCount > 0:
		d.Progress = min(100, d.EmbeddedCount*100/d.ChunkCount)
	}
	return d
}

// Service keeps documents and searches them. Every part of the package hangs off it.
type Service struct {
	db       *sql.DB
	queries  *models.Queries
	cfg      config.Config
	logger   *slog.Logger
	embedder Embedder       // nil until SetEmbedder: documents are then saved but not embedded
	index    Index          // nil until SetIndex: search then finds by words only
	files    *uploads.Files // where uploaded originals are kept; nil: uploads are refused
	now      func() time.Time
	jobs     jobSettings // how the embedding jobs run (jobs.go)
}

// NewService returns the documents service. Its transactions run on db, its other queries
// through statements, the app's one statement cache (server.NewDeps makes both).
func NewService(cfg config.Config, db *sql.DB, statements *database.Statements, logger *slog.Logger) *Service {
	return &Service{
		db:      db,
		queries: models.New(statements),
		cfg:     cfg,
		logger:  logger,
		now:     func() time.Time { return time.Now().UTC() },
		jobs:    defaultJobSettings(),
	}
}

// SetEmbedder sets what turns chunks and questions into vectors.
func (s *Service) SetEmbedder(embedder Embedder) { s.embedder = embedder }

// SetIndex sets the vector index that semantic search asks.
func (s *Service) SetIndex(index Index) { s.index = index }

// SetFiles sets where uploaded documents are stored (internal/uploads): server.New and the
// documents command call it once the storage is open.
func (s *Service) SetFiles(files *uploads.Files) { s.files = files }
