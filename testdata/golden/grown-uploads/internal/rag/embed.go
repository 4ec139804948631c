// Embeddings turn a text into a list of numbers, a vector, such that texts about the same thing
// get vectors that point the same way. The jobs (jobs.go) embed each chunk of a document and a
// search embeds the question; an Embedder (rag.go) does the work: a service with an
// OpenAI-compatible API (openai_embedder.go), or the offline embedder built in (offline.go).
// To embed with something else, write a type with the three methods of Embedder.

package rag

import (
	"encoding/binary"
	"fmt"
	"math"

	"myapp/internal/config"
)

// NewEmbedder returns the embedder the configuration asks for: EMBEDDING_MODEL at
// EMBEDDING_BASE_URL, or the offline embedder when no EMBEDDING_API_KEY (nor
// OPENROUTER_API_KEY) is set, so that documents and search work with no network.
func NewEmbedder(cfg config.Config) Embedder {
	if cfg.EmbeddingAPIKey == "" {
		return OfflineEmbedder{}
	}
	return NewOpenAIEmbedder(cfg.EmbeddingBaseURL, cfg.EmbeddingAPIKey, cfg.EmbeddingModel, cfg.EmbeddingDimensions)
}

// OfflineEmbeddings reports whether the offline embedder makes the vectors: the pages then
// say that search matches words, not meaning, as the chat says when it is in demo mode.
func (s *Service) OfflineEmbeddings() bool {
	_, offline := s.embedder.(OfflineEmbedder)
	return offline
}

// EmbeddingModel names the model that makes the vectors now, and their size, for messages:
// "openai/text-embedding-3-small (1536 dimensions)".
func (s *Service) EmbeddingModel() string {
	if s.embedder == nil {
		return "no embedding model"
	}
	return fmt.Sprintf("%s (%d dimensions)", s.embedder.Model(), s.embedder.Dimensions())
}

// EmbeddingError is a failure of the embedding service in words the documents page can show.
// A permanent one (a refused key, an unknown model, vectors of the wrong size) would fail the
// same way if tried again, so a job gives up on it at once instead of retrying; the others
// (the service is down, out of reach, or too slow) may pass.
type EmbeddingError struct {
	Message   string
	Permanent bool
	Err       error // the details, for the log
}

func (e *EmbeddingError) Error() string { return e.Message }
func (e *EmbeddingError) Unwrap() error { return e.Err }

// encodeVector turns a vector into the bytes rag_chunks.embedding keeps: each float32 in 4
// bytes, little-endian. Every index is built from these bytes, on both engines.
func encodeVector(vector []float32) []byte {
	bytes := make([]byte, 0, 4*len(vector))
	for _, x := range vector {
		bytes = binary.LittleEndian.AppendUint32(bytes, math.Float32bits(x))
	}
	return bytes
}

// decodeVector reads what encodeVector wrote.
func decodeVector(bytes []byte) ([]float32, error) {
	if len(bytes)%4 != 0 {
		return nil, fmt.Errorf("a stored vector of %d bytes is not made of float32s: run `go run . documents reindex`", len(bytes))
	}
	vector := make([]float32, len(bytes)/4)
	for i := range vector {
		vector[i] = math.Float32frombits(binary.LittleEndian.Uint32(bytes[4*i:]))
	}
	return vector, nil
}
