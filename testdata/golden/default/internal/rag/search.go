// Search: the chunks that answer a query, found by words (keyword: BM25 on SQLite, ts_rank on
// PostgreSQL), by meaning (semantic: the query's vector against the Index), or both (hybrid:
// the two rankings merged by reciprocal rank fusion). The page /search, GET /api/search and
// the chat (Retrieve, in retrieve.go) all come here. The SQL that differs per engine is in
// search_sql.go.

package rag

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search modes.
const (
	ModeSemantic = "semantic" // by meaning: the nearest vectors
	ModeKeyword  = "keyword"  // by the words typed
	ModeHybrid   = "hybrid"   // both, merged: finds what either finds
)

// MaxResults is the most results one search returns.
const MaxResults = 50

// Limits on what of a query is searched: the first maxQueryWords words, each cut to
// maxWordLength characters. Longer queries are not refused, only trimmed, so a pasted
// paragraph still searches.
const (
	maxQueryWords = 32
	maxWordLength = 64
)

// rrfK is the k of reciprocal rank fusion: a chunk scores 1/(rrfK + rank) in each ranking
// that found it. 60 is the value of the method's authors (Cormack et al., 2009): large enough
// that being first in one ranking does not outweigh being found high in both.
const rrfK = 60

// Errors a caller can tell apart with errors.Is; each message says what to do.
var (
	ErrBadMode    = errors.New("mode must be semantic, keyword or hybrid")
	ErrBadLimit   = fmt.Errorf("k must be a whole number from 1 to %d", MaxResults)
	ErrNoSemantic = errors.New("search by meaning is not ready yet (no embedder or index): search with mode=keyword")
)

// Search returns the k chunks that best answer query among the documents viewer may search,
// best first, found the way mode says. An empty query finds nothing.
func (s *Service) Search(ctx context.Context, viewer int64, query string, k int, mode string) ([]Hit, error) {
	if k < 1 || k > MaxResults {
		return nil, ErrBadLimit
	}
	if mode != ModeSemantic && mode != ModeKeyword && mode != ModeHybrid {
		return nil, ErrBadMode
	}
	ranked, _, err := s.rank(ctx, viewer, query, k, mode)
	if err != nil {
		return nil, err
	}
	return s.hits(ctx, viewer, ranked)
}

// candidate is a chunk one of the rankings found, with what each said of it.
type candidate struct {
	chunkID    int64
	score      float64 // the score shown: BM25, cosine similarity or fused, by mode
	similarity float64 // cosine similarity to the query, when semantic search ran
	semantic   bool    // semantic search found it (similarity is set)
}

// rank returns the best k chunks for query by mode, best first, and whether search by
// meaning took part (hybrid search goes on by words alone when it cannot).
func (s *Service) rank(ctx context.Context, viewer int64, query string, k int, mode string) ([]candidate, bool, error) {
	words := QueryWords(query)
	if len(words) == 0 {
		return nil, false, nil
	}
	// Hybrid looks further down each ranking than k: a chunk 15th by words and 12th by
	// meaning may well be among the best 10 of both together.
	depth := k
	if mode == ModeHybrid {
		depth = max(3*k, 30)
	}
	var byWords, byMeaning []candidate
	var err error
	if mode != ModeSemantic {
		if byWords, err = s.keywordRanking(ctx, viewer, contentWords(words), depth); err != nil {
			return nil, false, err
		}
	}
	if mode == ModeKeyword {
		return byWords, false, nil
	}
	byMeaning, err = s.semanticRanking(ctx, viewer, query, depth)
	switch {
	case err != nil && mode == ModeSemantic:
		return nil, false, err
	case errors.Is(err, ErrNoSemantic):
		return byWords[:min(k, len(byWords))], false, nil // no vectors yet: words alone
	case err != nil:
		// The embedding service failed (down, or busy): the words still find something.
		s.logger.Warn("search: search by meaning failed, searching by words alone", "error", err)
		return byWords[:min(k, len(byWords))], false, nil
	case mode == ModeSemantic:
		return byMeaning, true, nil
	}
	// Only chunks near in meaning take part: in a small collection every chunk is at some
	// rank of the nearest, and one that shares a single word with the query would then beat
	// the answer, found by meaning alone. Ties go to meaning, which comes first.
	near := slices.DeleteFunc(byMeaning, func(c candidate) bool { return c.similarity < MinSimilarity })
	fused := fuse(near, byWords)
	return fused[:min(k, len(fused))], true, nil
}

// semanticRanking embeds the query and asks the index for the nearest chunks.
func (s *Service) semanticRanking(ctx context.Context, viewer int64, query string, k int) ([]candidate, error) {
	if s.embedder == nil || s.index == nil {
		return nil, ErrNoSemantic
	}
	// Vectors of two models cannot be compared: until a reindex, the query's vector would be
	// measured against vectors of another model (*ModelChangedError says what to run).
	if err := s.CheckEmbeddingModel(ctx); err != nil {
		return nil, err
	}
	if memory, ok := s.index.(*MemoryIndex); ok {
		if err := s.syncIndex(ctx, memory); err != nil {
			s.logger.Warn("search: the vector index may miss documents changed by another process", "error", err)
		}
	}
	vectors, err := s.embedder.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("embed the query: %w", err)
	}
	if len(vectors) != 1 {
		return nil, fmt.Errorf("embed the query: the embedder returned %d vectors for one text", len(vectors))
	}
	matches, err := s.index.Nearest(ctx, viewer, vectors[0], k)
	if err != nil {
		return nil, err
	}
	ranked := make([]candidate, len(matches))
	for i, m := range matches {
		ranked[i] = candidate{chunkID: m.ChunkID, score: m.Score, similarity: m.Score, semantic: true}
	}
	return ranked, nil
}

// fuse merges rankings by reciprocal rank fusion: each chunk scores the sum of
// 1/(rrfK + rank) over the rankings that found it (rank 1 is the best). Ties keep the order
// in which the chunks first appear, the first ranking's first.
func fuse(rankings ...[]candidate) []candidate {
	byID := map[int64]*candidate{}
	var order []*candidate
	for _, ranking := range rankings {
		for rank, c := range ranking {
			f, seen := byID[c.chunkID]
			if !seen {
				f = &candidate{chunkID: c.chunkID}
				byID[c.chunkID] = f
				order = append(order, f)
			}
			f.score += 1 / float64(rrfK+rank+1)
			if c.semantic {
				f.similarity, f.semantic = c.similarity, true
			}
		}
	}
	fused := make([]candidate, len(order))
	for i, f := range order {
		fused[i] = *f
	}
	slices.SortStableFunc(fused, func(a, b candidate) int { return cmp.Compare(b.score, a.score) })
	return fused
}

// QueryWords returns the words of a query that search looks for: letters and digits only,
// lower case, each once, at most maxQueryWords of at most maxWordLength characters. Quotes,
// operators of the search engines' own query languages (AND, NEAR, *, :, |, !), NUL and
// other control characters are all separators here, so no query can be read as syntax.
func QueryWords(query string) []string {
	seen := map[string]bool{}
	var words []string
	for _, w := range splitWords(query) {
		if utf8.RuneCountInString(w) > maxWordLength {
			w = string([]rune(w)[:maxWordLength])
		}
		if seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, w)
		if len(words) == maxQueryWords {
			break
		}
	}
	return words
}

// splitWords returns the words of text in lower case: the runs of letters and digits.
func splitWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// contentWords leaves out the stop words (offline.go), unless the query has nothing else:
// in "how do I bake bread", only "bake" and "bread" say what is wanted. Left in, "how" and
// "do" would match half the chunks, and in hybrid search their ranks would count as much as
// those of the chunks that match the words that matter.
func contentWords(words []string) []string {
	content := slices.DeleteFunc(slices.Clone(words), func(w string) bool { return stopWords[w] })
	if len(content) == 0 {
		return words
	}
	return content
}

// keywordRanking runs the engine's keyword search (search_sql.go) for the chunks viewer may
// search that hold any of words, best first.
func (s *Service) keywordRanking(ctx context.Context, viewer int64, words []string, k int) ([]candidate, error) {
	rows, err := s.db.QueryContext(ctx, keywordSQL, keywordQuery(words), viewer, k)
	if err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	defer rows.Close()
	var ranked []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.chunkID, &c.score); err != nil {
			return nil, fmt.Errorf("keyword search: %w", err)
		}
		ranked = append(ranked, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	return ranked, nil
}

// hits reads the chunks of ranked that viewer may still search (a document may have been
// deleted or unshared since), in the order of ranked, with each one's score.
func (s *Service) hits(ctx context.Context, viewer int64, ranked []candidate) ([]Hit, error) {
	hits := []Hit{} // not nil: the API answers [] for no results
	if len(ranked) == 0 {
		return hits, nil
	}
	ids := make([]int64, len(ranked))
	for i, c := range ranked {
		ids[i] = c.chunkID
	}
	chunks, err := s.chunksByID(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	for _, c := range ranked {
		if chunk, ok := chunks[c.chunkID]; ok {
			chunk.Score = c.score
			hits = append(hits, chunk.Hit)
		}
	}
	return hits, nil
}

// foundChunk is a chunk as chunksByID reads it: the hit, and its length in tokens.
type foundChunk struct {
	Hit
	tokens int
}

// chunksByID reads chunks with their document's title, those viewer may search only.
func (s *Service) chunksByID(ctx context.Context, viewer int64, ids []int64) (map[int64]foundChunk, error) {
	rows, err := s.db.QueryContext(ctx, chunksSQL, idList(ids), viewer)
	if err != nil {
		return nil, fmt.Errorf("read the chunks found: %w", err)
	}
	defer rows.Close()
	chunks := make(map[int64]foundChunk, len(ids))
	for rows.Next() {
		var c foundChunk
		if err := rows.Scan(&c.ChunkID, &c.DocumentID, &c.Title, &c.Heading, &c.Text, &c.Position, &c.tokens); err != nil {
			return nil, fmt.Errorf("read the chunks found: %w", err)
		}
		chunks[c.ChunkID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the chunks found: %w", err)
	}
	return chunks, nil
}
