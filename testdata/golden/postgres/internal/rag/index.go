// The in-memory vector index: what SQLite apps search (and PostgreSQL apps without pgvector)
// to find the chunks whose meaning is nearest a question. It holds no float vectors: each
// chunk is kept as two compact codes (quantise.go), and the search (index_search.go) narrows
// 100,000 chunks to a few dozen with them before scoring those exactly from the float32
// vectors stored in rag_chunks.embedding, the source of truth.
//
// Memory per chunk of d dimensions: d/8 bytes of sign bits + d/2 bytes of 4-bit levels, that
// is 0.625 bytes per dimension (480 bytes at 768), plus about 40 bytes of ids and norms.

package rag

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"
	"time"
)

// VectorLoader reads the full-precision vectors of some chunks (from rag_chunks.embedding).
// A chunk deleted meanwhile is simply missing from the map.
type VectorLoader func(ctx context.Context, chunkIDs []int64) (map[int64][]float32, error)

// MemoryIndex is an Index kept in memory. Many searches may run at once with writers (a
// sync.RWMutex: searches share it, writers take it alone for the few microseconds a change
// takes). Build it at start with Add for every document, then keep it current on each change.
type MemoryIndex struct {
	load VectorLoader // never changed after NewMemoryIndex, so read without the lock

	mu   sync.RWMutex
	dims int
	// The center of the stored unit vectors: signs are taken around it, so that vectors that
	// all point one way (as embeddings of one language do) still differ in their bits.
	center     []float32
	sum        []float64 // running sum of the stored unit vectors (as decoded), for center
	centeredAt int       // how many vectors center was computed from

	// One entry per chunk, at the same slot in every slice (a "struct of arrays": the search
	// runs through bits alone, which stay contiguous in memory and so in the CPU's cache).
	ids       []int64
	owners    []int64
	shared    []bool
	docs      []int64
	bits      []uint64  // signCodeWords(dims) words per slot
	levels    []byte    // levelCodeBytes(dims) bytes per slot
	levelNorm []float32 // the length of each slot's level code, to turn its dot into a cosine

	slotOf   map[int64]int     // chunk id -> slot
	chunksOf map[int64][]int64 // document id -> its chunk ids

	// Catching up with other processes' changes (index_sync.go): one sync at a time.
	sync       sync.Mutex
	syncedAt   time.Time // when the last sync ran
	seenUpdate time.Time // the latest rag_documents.updated_at it saw
}

// NewMemoryIndex returns an empty index of vectors of the given dimensions. load reads the
// exact vectors of the last candidates; with nil the order of the 4-bit codes is final (close
// to exact, but not always equal).
func NewMemoryIndex(dimensions int, load VectorLoader) *MemoryIndex {
	m := &MemoryIndex{load: load}
	m.reset(dimensions)
	return m
}

// Reset drops every vector and makes the index hold vectors of the given dimensions (after a
// change of embedding model, before the reindex fills it again).
func (m *MemoryIndex) Reset(_ context.Context, dimensions int) error {
	if dimensions <= 0 {
		return fmt.Errorf("the index needs vectors of at least 1 dimension, not %d", dimensions)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reset(dimensions)
	return nil
}

func (m *MemoryIndex) reset(dimensions int) {
	m.dims = dimensions
	m.center = make([]float32, dimensions)
	m.sum = make([]float64, dimensions)
	m.centeredAt = 0
	m.ids, m.owners, m.shared, m.docs = nil, nil, nil, nil
	m.bits, m.levels, m.levelNorm = nil, nil, nil
	m.slotOf = map[int64]int{}
	m.chunksOf = map[int64][]int64{}
}

// Len returns how many chunks the index holds.
func (m *MemoryIndex) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.ids)
}

// BytesPerVector returns the memory one chunk takes in the index: its codes and bookkeeping
// (the slotOf and chunksOf maps add a few dozen bytes more).
func (m *MemoryIndex) BytesPerVector() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	const bookkeeping = 8 + 8 + 1 + 8 + 4 // id, owner, shared, document, levelNorm
	return signCodeWords(m.dims)*8 + levelCodeBytes(m.dims) + bookkeeping
}

// Add puts the vectors of one document's chunks in the index, replacing any it had.
func (m *MemoryIndex) Add(_ context.Context, doc DocInfo, vectors map[int64][]float32) error {
	// Check and quantise before taking the lock, so searches wait as little as possible.
	m.mu.RLock()
	dims := m.dims
	m.mu.RUnlock()
	ids := make([]int64, 0, len(vectors))
	for id, v := range vectors {
		if len(v) != dims {
			return fmt.Errorf("chunk %d has a vector of %d dimensions, the index holds %d: run `go run . documents reindex`", id, len(v), dims)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids) // a fixed order, so equal scores come out the same way every time
	units := make([][]float32, len(ids))
	codes := make([][]byte, len(ids))
	for i, id := range ids {
		units[i] = unit(vectors[id])
		codes[i] = levelCode(units[i])
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dims != dims { // a Reset ran meanwhile
		return fmt.Errorf("the index was reset to %d dimensions while adding document %d: add it again", m.dims, doc.ID)
	}
	m.removeDocument(doc.ID)
	for i, id := range ids {
		m.removeChunk(id) // a chunk moved from another document keeps one slot
		m.append(doc, id, units[i], codes[i])
	}
	m.chunksOf[doc.ID] = ids
	if len(m.ids) >= 2*m.centeredAt {
		m.recenter()
	}
	return nil
}

// append adds one chunk at a new last slot. The caller holds the write lock.
func (m *MemoryIndex) append(doc DocInfo, id int64, unitVector []float32, code []byte) {
	m.slotOf[id] = len(m.ids)
	m.ids = append(m.ids, id)
	m.owners = append(m.owners, doc.OwnerID)
	m.shared = append(m.shared, doc.Shared)
	m.docs = append(m.docs, doc.ID)
	m.bits = append(m.bits, signCode(unitVector, m.center)...)
	m.levels = append(m.levels, code...)
	m.levelNorm = append(m.levelNorm, levelNorm(code, m.dims))
	m.addToSum(code, 1)
}

// RemoveDocument drops the vectors of a document's chunks.
func (m *MemoryIndex) RemoveDocument(_ context.Context, documentID int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.removeDocument(documentID)
	return nil
}

func (m *MemoryIndex) removeDocument(documentID int64) {
	for _, id := range m.chunksOf[documentID] {
		m.removeChunk(id)
	}
	delete(m.chunksOf, documentID)
}

// removeChunk frees a chunk's slot by moving the last slot into it, so the slices stay
// without holes. The caller holds the write lock.
func (m *MemoryIndex) removeChunk(id int64) {
	slot, ok := m.slotOf[id]
	if !ok {
		return
	}
	words, size := signCodeWords(m.dims), levelCodeBytes(m.dims)
	m.addToSum(m.levels[slot*size:(slot+1)*size], -1)
	last := len(m.ids) - 1
	if slot != last {
		m.ids[slot], m.owners[slot], m.shared[slot] = m.ids[last], m.owners[last], m.shared[last]
		m.docs[slot], m.levelNorm[slot] = m.docs[last], m.levelNorm[last]
		copy(m.bits[slot*words:(slot+1)*words], m.bits[last*words:])
		copy(m.levels[slot*size:(slot+1)*size], m.levels[last*size:])
		m.slotOf[m.ids[slot]] = slot
	}
	m.ids, m.owners, m.shared, m.docs = m.ids[:last], m.owners[:last], m.shared[:last], m.docs[:last]
	m.levelNorm = m.levelNorm[:last]
	m.bits, m.levels = m.bits[:last*words], m.levels[:last*size]
	delete(m.slotOf, id)
}

// documentIDs returns the documents the index holds vectors of.
func (m *MemoryIndex) documentIDs() []int64 {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return slices.Collect(maps.Keys(m.chunksOf))
}

// SetShared marks a document shared (every user searches it) or not (only its owner).
func (m *MemoryIndex) SetShared(_ context.Context, documentID int64, shared bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range m.chunksOf[documentID] {
		m.shared[m.slotOf[id]] = shared
	}
	return nil
}

// addToSum adds (sign 1) or takes away (sign -1) a decoded unit vector from the running sum.
func (m *MemoryIndex) addToSum(code []byte, sign float64) {
	norm := float64(levelNorm(code, m.dims))
	if norm == 0 {
		return
	}
	for i := range m.dims {
		m.sum[i] += sign * float64(levelAt(code, i)) / norm
	}
}

// recenter moves the center to the mean of the stored vectors and recomputes every sign code.
// It runs each time the index doubles in size, so its cost stays a small constant per Add.
func (m *MemoryIndex) recenter() {
	n := len(m.ids)
	m.centeredAt = n
	if n == 0 {
		return
	}
	for i := range m.dims {
		m.center[i] = float32(m.sum[i] / float64(n))
	}
	words, size := signCodeWords(m.dims), levelCodeBytes(m.dims)
	decoded := make([]float32, m.dims)
	for slot := range n {
		code := m.levels[slot*size : (slot+1)*size]
		norm := m.levelNorm[slot]
		for i := range decoded {
			decoded[i] = 0
			if norm > 0 {
				decoded[i] = float32(levelAt(code, i)) / norm
			}
		}
		copy(m.bits[slot*words:(slot+1)*words], signCode(decoded, m.center))
	}
}

// unit returns v scaled to length 1 (cosine similarity is then a dot product).
func unit(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if sum == 0 {
		return out
	}
	scale := float32(1 / math.Sqrt(sum))
	for i, x := range v {
		out[i] = x * scale
	}
	return out
}
