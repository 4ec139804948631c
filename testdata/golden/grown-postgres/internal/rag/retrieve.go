// Retrieve: the passages the chat sends the model with a question ("use my documents"). It is
// a hybrid search that keeps only chunks relevant enough to be worth the model's reading, as
// many as fit in a budget of tokens.

package rag

import "context"

// MinSimilarity is how near in meaning a chunk must be to the question for the chat to use
// it: a cosine similarity of 0.2 or more between their vectors. Ranks (BM25, fusion) only
// compare chunks with each other; the cosine says how near a chunk is in itself, so it is
// what the threshold is on. Measured on the test corpus (testdata/corpus): a chunk that
// answers a question scores 0.3 to 0.8 with the offline embedder and the test's semantic
// vectors, an unrelated one -0.1 to 0.15. Real embedding models spread differently (OpenAI's
// text-embedding-3-small gives unrelated English texts about 0.1 to 0.2): raise it if the
// chat quotes passages that do not answer, lower it if it says it found nothing too often.
const MinSimilarity = 0.2

// retrieveDepth is how many hybrid results Retrieve looks at before the budget cuts them.
const retrieveDepth = 20

// Retrieve returns the chunks that best answer question among the documents viewer may
// search, best first, each at least MinSimilarity near it, together at most budgetTokens
// tokens long as counted when chunked (rag_chunks.tokens; a chunk that does not fit is
// passed over for a shorter one after it). Nothing
// found is an empty list, not an error: the chat then tells the model so.
//
// When meaning cannot be measured (no embedder or index yet, or the embedding service
// failed), the chunks keyword search finds are used instead.
func (s *Service) Retrieve(ctx context.Context, viewer int64, question string, budgetTokens int) ([]Hit, error) {
	ranked, byMeaning, err := s.rank(ctx, viewer, question, retrieveDepth, ModeHybrid)
	if err != nil {
		return nil, err
	}
	relevant := ranked[:0]
	for _, c := range ranked {
		if !byMeaning || c.semantic { // hybrid search kept only those at least MinSimilarity near
			relevant = append(relevant, c)
		}
	}
	if len(relevant) == 0 {
		return []Hit{}, nil
	}
	ids := make([]int64, len(relevant))
	for i, c := range relevant {
		ids[i] = c.chunkID
	}
	chunks, err := s.chunksByID(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	kept := []Hit{}
	for _, c := range relevant {
		chunk, ok := chunks[c.chunkID]
		if !ok || chunk.tokens > budgetTokens {
			continue // deleted meanwhile, or too long for what is left of the budget
		}
		budgetTokens -= chunk.tokens
		chunk.Score = c.score
		kept = append(kept, chunk.Hit)
	}
	return kept, nil
}
