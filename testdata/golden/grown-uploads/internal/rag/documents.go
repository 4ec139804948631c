// Documents: adding one (its text extracted, chunked and saved with its embedding job, in one
// transaction), listing, sharing and deleting them. Who may do what is decided here, for the
// pages, the API, the admin and the command line alike: users see their own documents and the
// shared ones, change only their own, and only staff may share.
package rag

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"myapp/internal/database"
	"myapp/internal/models"
	"myapp/internal/uploads"
)

// UploadsTable is the owner_table of the stored originals in the uploads table.
const UploadsTable = "rag_documents"

// maxTitleLength is the longest title kept, in characters; a longer one is cut.
const maxTitleLength = 200

// maxChunks is the most chunks a document may have: about a thousand pages.
const maxChunks = 10000

// Errors a caller can tell apart with errors.Is; each message can be shown to the user.
var (
	ErrNotFound   = errors.New("no such document: it may have been deleted, or it is not yours")
	ErrNotAllowed = errors.New("only staff may share a document with everyone")
	ErrNoUploads  = errors.New("uploads are not set up (STORAGE_TYPE): paste the text instead")
)

// NewDocument is what AddDocument needs: a title and either Text (pasted, of ContentType,
// plain text by default) or a File named FileName (its format is read from its bytes and
// its extension).
type NewDocument struct {
	Title       string
	ContentType string
	Text        string
	File        io.Reader
	FileName    string
	Shared      bool // only staff may share; AddDocument refuses it from others
}

// documentTypes are the formats a document file may have, as the uploads checker names them
// (Markdown is plain text to it; the extension tells them apart).
var documentTypes = []string{TypePDF, TypeHTML, TypeText}

// AddDocument saves a new document of ownerID: its text is read, cut into chunks and saved
// with a pending job, which embeds them in the background (jobs.go). An uploaded file is
// stored first; if the save fails, it is deleted again, so no file is left without a document.
func (s *Service) AddDocument(ctx context.Context, ownerID int64, in NewDocument) (Document, error) {
	if in.Shared {
		if err := s.checkStaff(ctx, ownerID); err != nil {
			return Document{}, err
		}
	}
	var accepted *uploads.Accepted
	data, contentType := []byte(in.Text), in.ContentType
	if in.File != nil {
		var err error
		if accepted, contentType, err = s.acceptFile(in.FileName, in.File); err != nil {
			return Document{}, err
		}
		data = accepted.Body
	} else if contentType == "" {
		contentType = TypeText
	}
	// Each problem with the document itself is an *uploads.Refused, whose message the pages
	// and the API show as it is.
	if limit := s.maxBytes(); int64(len(data)) > limit {
		return Document{}, &uploads.Refused{Message: fmt.Sprintf("The text is larger than %d MB: split it into smaller documents", limit>>20), TooLarge: true}
	}
	blocks, err := Extract(contentType, data)
	if err != nil {
		return Document{}, &uploads.Refused{Message: upperFirst(err.Error())}
	}
	chunks := NewChunker(s.cfg.ChunkTokens, s.cfg.ChunkOverlap).Chunk(blocks)
	if len(chunks) > maxChunks {
		return Document{}, &uploads.Refused{Message: fmt.Sprintf("The document is too long (%d chunks, at most %d): split it into smaller documents", len(chunks), maxChunks), TooLarge: true}
	}
	title := documentTitle(in.Title, in.FileName, blocks)
	// The chunks go to the database in one statement, as a JSON array (queries/rag_chunks.sql).
	chunksJSON, err := json.Marshal(chunks)
	if err != nil {
		return Document{}, err
	}

	// The file is stored outside the transaction (storage may be slow: S3); Finish deletes it
	// again unless the transaction commits.
	var change *uploads.Change
	key := ""
	if accepted != nil {
		change = s.files.Change()
		if key, err = change.Add(ctx, accepted, UploadsTable); err != nil {
			change.Finish(ctx, false)
			return Document{}, fmt.Errorf("store the file: %w", err)
		}
	}
	var row models.RagDocument
	err = database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := models.New(tx)
		now := s.now()
		var err error
		row, err = queries.CreateDocument(ctx, models.CreateDocumentParams{
			OwnerID: ownerID, Title: title, ContentType: contentType, UploadKey: key,
			Shared: in.Shared, ChunkCount: int64(len(chunks)), Now: now,
		})
		if err != nil {
			return err
		}
		if err := queries.CreateChunks(ctx, models.CreateChunksParams{DocumentID: row.ID, Chunks: string(chunksJSON)}); err != nil {
			return err
		}
		if err := queries.CreateJob(ctx, models.CreateJobParams{DocumentID: row.ID, Now: now}); err != nil {
			return err
		}
		if change != nil {
			return change.Record(ctx, tx)
		}
		return nil
	})
	if change != nil {
		change.Finish(ctx, err == nil)
	}
	if err != nil {
		return Document{}, fmt.Errorf("save the document: %w", err)
	}
	return newDocument(row), nil
}

// acceptFile checks an uploaded document by its bytes, as every upload is checked (size,
// type), and returns it with its content type.
func (s *Service) acceptFile(name string, file io.Reader) (*uploads.Accepted, string, error) {
	if s.files == nil {
		return nil, "", ErrNoUploads
	}
	policy := uploads.Policy{File: uploads.Rules{MaxBytes: s.maxBytes(), Types: documentTypes}}
	accepted, err := policy.Accept(uploads.File, name, file)
	if err != nil {
		return nil, "", err
	}
	contentType := accepted.ContentType
	// Markdown is text to the checker, and an HTML page without the usual tags may be too:
	// the extension decides between the three.
	if byName := TypeOf(name); contentType == TypeText && byName != TypePDF && byName != "" {
		contentType = byName
	}
	return accepted, contentType, nil
}

// maxBytes is the largest document, file or text: MAX_FILE_UPLOAD_MB.
func (s *Service) maxBytes() int64 {
	return int64(max(s.cfg.MaxFileUploadMB, 1)) << 20
}

// documentTitle is the title given, or else the file's name without its extension, or else
// the first words of the text; at most maxTitleLength characters, on one line.
func documentTitle(title, fileName string, blocks []Block) string {
	title = oneLine(title)
	if title == "" && fileName != "" {
		name := uploads.CleanName(fileName)
		title = oneLine(strings.TrimSuffix(name, path.Ext(name)))
	}
	if title == "" && len(blocks) > 0 {
		title = oneLine(blocks[0].Text)
	}
	if utf8.RuneCountInString(title) > maxTitleLength {
		title = string([]rune(title)[:maxTitleLength-1]) + "…"
	}
	if title == "" {
		title = "Untitled"
	}
	return title
}

// checkStaff returns ErrNotAllowed unless userID is an active staff member or superuser.
func (s *Service) checkStaff(ctx context.Context, userID int64) error {
	user, err := s.queries.GetUserByID(ctx, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotAllowed
	}
	if err != nil {
		return err
	}
	if !user.IsActive || !user.IsStaff && !user.IsSuperuser {
		return ErrNotAllowed
	}
	return nil
}

// Documents returns the documents viewer may see, their own and the shared ones, newest first.
func (s *Service) Documents(ctx context.Context, viewer int64) ([]Document, error) {
	rows, err := s.queries.ListDocuments(ctx, viewer)
	if err != nil {
		return nil, err
	}
	return newDocuments(rows), nil
}

// AllDocuments returns every document, whoever owns it: for the command line.
func (s *Service) AllDocuments(ctx context.Context) ([]Document, error) {
	rows, err := s.queries.ListAllDocuments(ctx)
	if err != nil {
		return nil, err
	}
	return newDocuments(rows), nil
}

func newDocuments(rows []models.RagDocument) []Document {
	docs := make([]Document, len(rows))
	for i, row := range rows {
		docs[i] = newDocument(row)
	}
	return docs
}

// Document returns document id if viewer may see it, or ErrNotFound.
func (s *Service) Document(ctx context.Context, viewer, id int64) (Document, error) {
	row, err := s.queries.GetDocument(ctx, models.GetDocumentParams{ID: id, Viewer: viewer})
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, ErrNotFound
	}
	if err != nil {
		return Document{}, err
	}
	return newDocument(row), nil
}

// Chunks returns the chunks of document id, in order, if viewer may see it (or ErrNotFound).
func (s *Service) Chunks(ctx context.Context, viewer, id int64) ([]Chunk, error) {
	if _, err := s.Document(ctx, viewer, id); err != nil {
		return nil, err
	}
	rows, err := s.queries.ListChunks(ctx, id)
	if err != nil {
		return nil, err
	}
	chunks := make([]Chunk, len(rows))
	for i, row := range rows {
		chunks[i] = Chunk{ID: row.ID, Position: int(row.Position), Heading: row.Heading, Text: row.Text, Tokens: int(row.Tokens)}
	}
	return chunks, nil
}

// DeleteDocument deletes document id, which must be viewer's own (otherwise ErrNotFound),
// with its chunks, its vectors and its stored file.
func (s *Service) DeleteDocument(ctx context.Context, viewer, id int64) error {
	doc, err := s.Document(ctx, viewer, id)
	if err != nil {
		return err
	}
	if doc.OwnerID != viewer {
		return ErrNotFound // a shared document may be read by all, deleted by its owner only
	}
	return s.DeleteAnyDocument(ctx, id)
}

// DeleteAnyDocument deletes document id whoever owns it, with its chunks, vectors and stored
// file: for the admin (which checks the permission) and the command line.
func (s *Service) DeleteAnyDocument(ctx context.Context, id int64) error {
	change := s.filesChange()
	err := database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		key, err := models.New(tx).DeleteDocument(ctx, id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if change == nil {
			return nil
		}
		change.Remove(key)
		return change.Record(ctx, tx)
	})
	if change != nil {
		change.Finish(ctx, err == nil) // the file goes once the row has gone
	}
	if err != nil {
		return err
	}
	s.Forget(ctx, id)
	return nil
}

// Forget drops the vectors of document id, deleted, from the search index: its chunks went
// with its row (ON DELETE CASCADE), but the index keeps a copy of its own. The admin calls it
// after deleting a document.
func (s *Service) Forget(ctx context.Context, id int64) {
	if s.index == nil {
		return
	}
	if err := s.index.RemoveDocument(context.WithoutCancel(ctx), id); err != nil {
		s.logger.Error("remove a deleted document from the search index", "document", id, "error", err)
	}
}

// filesChange starts a change of stored files, or returns nil when uploads are not set up.
func (s *Service) filesChange() *uploads.Change {
	if s.files == nil {
		return nil
	}
	return s.files.Change()
}

// SetShared lets everyone search document id (shared) or only its owner again; actor must be
// staff (ErrNotAllowed) and the document must exist (ErrNotFound).
func (s *Service) SetShared(ctx context.Context, actor, id int64, shared bool) (Document, error) {
	if err := s.checkStaff(ctx, actor); err != nil {
		return Document{}, err
	}
	var row models.RagDocument
	err := database.WriteTx(ctx, s.db, func(tx *sql.Tx) error {
		queries := models.New(tx)
		if err := queries.SetDocumentShared(ctx, models.SetDocumentSharedParams{ID: id, Shared: shared, Now: s.now()}); err != nil {
			return err
		}
		var err error
		row, err = queries.GetDocumentByID(ctx, id)
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, ErrNotFound
	}
	if err != nil {
		return Document{}, err
	}
	if s.index != nil {
		if err := s.index.SetShared(ctx, id, shared); err != nil {
			return Document{}, fmt.Errorf("share the document's vectors: %w", err)
		}
	}
	return newDocument(row), nil
}

// Sync tells the search index what became of document id, changed or deleted elsewhere (the
// admin): who may see it, or that it is gone.
func (s *Service) Sync(ctx context.Context, id int64) {
	if s.index == nil {
		return
	}
	row, err := s.queries.GetDocumentByID(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		s.Forget(ctx, id)
		return
	}
	if err == nil {
		err = s.index.SetShared(context.WithoutCancel(ctx), id, row.Shared)
	}
	if err != nil {
		s.logger.Error("update the search index after a change of a document", "document", id, "error", err)
	}
}
