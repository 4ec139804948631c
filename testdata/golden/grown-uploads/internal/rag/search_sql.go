// The SQLite side of search: keyword search with FTS5 ranked by BM25, and chunks read by id.
// These queries are written here rather than for sqlc, which cannot read FTS5's MATCH on a
// table's name; like sqlc's, every value is a bound argument, never pasted into the SQL.

package rag

import (
	"encoding/json"
	"strings"
)

// keywordSQL ranks the chunks viewer may search (their own documents and shared ones) that
// match the FTS5 query by BM25, which is negative and smaller for a better match: the score
// shown is its opposite, so higher is better as everywhere else.
const keywordSQL = `SELECT c.id, -bm25(rag_chunks_fts) AS score
FROM rag_chunks_fts
JOIN rag_chunks c ON c.id = rag_chunks_fts.rowid
JOIN rag_documents d ON d.id = c.document_id
WHERE rag_chunks_fts MATCH ? AND (d.owner_id = ? OR d.shared)
ORDER BY bm25(rag_chunks_fts), c.id
LIMIT ?`

// chunksSQL reads chunks by id, with their document's title, those viewer may search only.
// The ids come as one JSON array that json_each unpacks, so one prepared statement serves
// any number of them.
const chunksSQL = `SELECT c.id, c.document_id, d.title, c.heading, c.text, c.position, c.tokens
FROM rag_chunks c
JOIN rag_documents d ON d.id = c.document_id
WHERE c.id IN (SELECT value FROM json_each(?)) AND (d.owner_id = ? OR d.shared)`

// vectorsSQL reads the stored vectors of chunks by id, for the exact scoring of the index.
const vectorsSQL = `SELECT id, embedding FROM rag_chunks
WHERE id IN (SELECT value FROM json_each(?)) AND embedding IS NOT NULL`

// keywordQuery writes words as an FTS5 query that any of them matches: "go" OR "install".
// Each word is quoted, so a word such as NEAR or AND is searched, not obeyed; QueryWords has
// already left out every character that is not a letter or a digit, quotes included.
func keywordQuery(words []string) string {
	return `"` + strings.Join(words, `" OR "`) + `"`
}

// idList passes ids to json_each.
func idList(ids []int64) any {
	list, _ := json.Marshal(ids) // []int64 always encodes
	return string(list)
}
