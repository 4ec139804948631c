// The PostgreSQL side of search: keyword search on the chunks' tsvector column ranked by
// ts_rank, and chunks read by id. Written here rather than for sqlc, like SQLite's (whose FTS5
// sqlc cannot read), so that both engines' search code is the same Go; every value is a bound
// argument, never pasted into the SQL.

package rag

import "strings"

// keywordSQL ranks the chunks viewer may search (their own documents and shared ones) that
// match the tsquery by ts_rank: higher is better.
const keywordSQL = `SELECT c.id, ts_rank(c.search, q) AS score
FROM rag_chunks c
JOIN rag_documents d ON d.id = c.document_id
CROSS JOIN to_tsquery('simple', $1) AS q
WHERE c.search @@ q AND (d.owner_id = $2 OR d.shared)
ORDER BY score DESC, c.id
LIMIT $3`

// chunksSQL reads chunks by id, with their document's title, those viewer may search only.
const chunksSQL = `SELECT c.id, c.document_id, d.title, c.heading, c.text, c.position, c.tokens
FROM rag_chunks c
JOIN rag_documents d ON d.id = c.document_id
WHERE c.id = ANY($1::bigint[]) AND (d.owner_id = $2 OR d.shared)`

// vectorsSQL reads the stored vectors of chunks by id, for the exact scoring of the index.
const vectorsSQL = `SELECT id, embedding FROM rag_chunks
WHERE id = ANY($1::bigint[]) AND embedding IS NOT NULL`

// keywordQuery writes words as a tsquery that any of them matches: 'go' | 'install'. Each
// word is quoted; QueryWords has already left out every character that is not a letter or a
// digit, so none can close the quote or be read as an operator (& | ! <-> :*).
func keywordQuery(words []string) string {
	return "'" + strings.Join(words, "' | '") + "'"
}

// idList passes ids as a PostgreSQL array (pgx turns a []int64 into bigint[]).
func idList(ids []int64) any { return ids }
