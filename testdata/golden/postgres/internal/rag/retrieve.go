// Retrieve: the passages the chat sends the model with a question ("use my documents"). It is
// a hybrid search that keeps only chunks relevant enough to be worth the model's reading, as
// many as fit in a budget of tokens.

package rag

import "context"

// MinSimilarity is how near in meaning a chunk must be to the question for hybrid search to
// rank it, and for the chat to use it unless it holds the question's words (see Retrieve): a
// cosine similarity of 0.2 or more between their vectors. Ranks (BM25, fusion) only
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
// search, best first, together at most budgetTokens tokens long as counted when chunked
// (rag_chunks.tokens; a chunk that does not fit is passed over for a shorter one after it).
// A chunk is used when it is at least MinSimilarity near the question, or when it holds at
// least half of the question's words that matter (see holdsWordsOf). Nothing found is an
// empty list, not an error: the chat then tells the model so.
//
// When meaning cannot be measured (no embedder or index yet, or the embedding service
// failed), the chunks keyword search finds are used instead.
func (s *Service) Retrieve(ctx context.Context, viewer int64, question string, budgetTokens int) ([]Hit, error) {
	ranked, byMeaning, err := s.rank(ctx, viewer, question, retrieveDepth, ModeHybrid)
	if err != nil {
		return nil, err
	}
	if len(ranked) == 0 {
		return []Hit{}, nil
	}
	ids := make([]int64, len(ranked))
	for i, c := range ranked {
		ids[i] = c.chunkID
	}
	chunks, err := s.chunksByID(ctx, viewer, ids)
	if err != nil {
		return nil, err
	}
	asked := contentWords(QueryWords(question))
	kept := []Hit{}
	for _, c := range ranked {
		chunk, ok := chunks[c.chunkID]
		if !ok || chunk.tokens > budgetTokens {
			continue // deleted meanwhile, or too long for what is left of the budget
		}
		// Hybrid search kept the chunks near in meaning, and all that keyword search found.
		if byMeaning && !c.semantic && !holdsWordsOf(chunk.Heading+" "+chunk.Text, asked) {
			continue // found by a word or two only: not worth the model's reading
		}
		budgetTokens -= chunk.tokens
		chunk.Score = c.score
		kept = append(kept, chunk.Hit)
	}
	return kept, nil
}

// holdsWordsOf reports whether text holds at least half of words (rounded up). It admits the
// chunks that a lexical measure of meaning undervalues: with the offline embedder, a short
// question such as "What does a Fresnel lens do?" is less than 0.2 near a long passage on
// Fresnel lenses, because the passage's many other words dilute its vector; yet the passage
// holds both "fresnel" and "lens". A passage that shares one word of a three-word question is
// still left out.
func holdsWordsOf(text string, words []string) bool {
	if len(words) == 0 {
		return false
	}
	inText := map[string]bool{}
	for _, w := range splitWords(text) {
		inText[w] = true
	}
	held := 0
	for _, w := range words {
		if inText[w] {
			held++
		}
	}
	return 2*held >= len(words)
}
