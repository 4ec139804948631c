// Hooks into the package for the search page tests, which are in package rag_test (internal/
// server imports rag, so rag's own tests cannot serve the whole app).

package rag

// EncodeVector is encodeVector: the bytes rag_chunks.embedding keeps.
var EncodeVector = encodeVector
