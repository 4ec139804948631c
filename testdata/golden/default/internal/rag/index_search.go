// Searching the in-memory index, in three passes that each look at fewer chunks, more closely:
//  1. sign codes: count the bits that differ from the query's, for every chunk the viewer may
//     search, spread over the CPUs; keep the firstPass nearest (a few thousand);
//  2. level codes: score those by the dot product with the 4-bit levels; keep the secondPass
//     best (a few dozen);
//  3. exact: read their float32 vectors (the loader) and rank them by true cosine similarity.
// The sizes of the passes were chosen by measuring recall against an exact search
// (index_test.go, bench_index_test.go): larger passes find more of the true nearest, slower.

package rag

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// firstPass is how many chunks the sign codes keep for k results out of n.
func firstPass(k, n int) int { return min(n, max(50*k, 1000, n/50)) }

// secondPass is how many chunks the level codes keep for the exact scoring.
func secondPass(k int) int { return max(5*k, 50) }

// minChunksPerWorker keeps small searches on one goroutine, where starting more costs more
// than it saves.
const minChunksPerWorker = 8192

// Nearest returns the k chunks nearest query by cosine similarity among the documents viewer
// may search (their own and shared ones), best first.
func (m *MemoryIndex) Nearest(ctx context.Context, viewer int64, query []float32, k int) ([]Match, error) {
	if k <= 0 {
		return nil, nil
	}
	q := unit(query)
	m.mu.RLock()
	if len(query) != m.dims {
		m.mu.RUnlock()
		return nil, fmt.Errorf("the query has %d dimensions, the index holds %d: run `go run . documents reindex`", len(query), m.dims)
	}
	slots := m.nearestBySigns(q, viewer, firstPass(k, len(m.ids)))
	best := m.bestByLevels(q, slots, secondPass(k))
	m.mu.RUnlock()

	if m.load == nil {
		return best[:min(k, len(best))], nil
	}
	// The lock is not held while reading the database: writers need not wait for it.
	return m.rescore(ctx, q, best, k)
}

// nearestBySigns returns the slots of the (about) want chunks whose sign codes differ least
// from the query's. The caller holds the read lock.
func (m *MemoryIndex) nearestBySigns(q []float32, viewer int64, want int) []int {
	n, words := len(m.ids), signCodeWords(m.dims)
	queryBits := signCode(q, m.center)
	// distance[slot] is the number of differing bits, or hidden for a chunk the viewer may
	// not search; counts[d] is how many chunks are at distance d.
	hidden := m.dims + 1
	distance := make([]uint16, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/minChunksPerWorker))
	counts := make([][]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		counts[w] = make([]int, hidden+1)
		wg.Go(func() {
			lo, hi := w*n/workers, (w+1)*n/workers
			for slot := lo; slot < hi; slot++ {
				d := hidden
				if m.owners[slot] == viewer || m.shared[slot] {
					d = differingBits(m.bits[slot*words:(slot+1)*words], queryBits)
				}
				distance[slot] = uint16(d)
				counts[w][d]++
			}
		})
	}
	wg.Wait()

	// The smallest distance within which want chunks lie: take all nearer, then some at it.
	limit, within := 0, 0
	for ; limit < hidden; limit++ {
		for w := range workers {
			within += counts[w][limit]
		}
		if within >= want {
			break
		}
	}
	atLimit := want - (within - sumAt(counts, limit))
	slots := make([]int, 0, want)
	for slot, d := range distance {
		if int(d) < limit || (int(d) == limit && limit < hidden && atLimit > 0) {
			if int(d) == limit {
				atLimit--
			}
			slots = append(slots, slot)
		}
	}
	return slots
}

func sumAt(counts [][]int, d int) int {
	total := 0
	for _, c := range counts {
		if d < len(c) {
			total += c[d]
		}
	}
	return total
}

// bestByLevels scores the slots with the level codes and returns the want best, best first.
// The caller holds the read lock.
func (m *MemoryIndex) bestByLevels(q []float32, slots []int, want int) []Match {
	size := levelCodeBytes(m.dims)
	padded := make([]float32, 2*size)
	copy(padded, q)
	matches := make([]Match, len(slots))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(slots)/1024))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * len(slots) / workers; i < (w+1)*len(slots)/workers; i++ {
				slot := slots[i]
				score := float32(0)
				if norm := m.levelNorm[slot]; norm > 0 {
					score = levelDot(padded, m.levels[slot*size:(slot+1)*size]) / norm
				}
				matches[i] = Match{ChunkID: m.ids[slot], Score: float64(score)}
			}
		})
	}
	wg.Wait()
	sortMatches(matches)
	return matches[:min(want, len(matches))]
}

// rescore ranks the candidates by exact cosine similarity with their float32 vectors.
func (m *MemoryIndex) rescore(ctx context.Context, q []float32, candidates []Match, k int) ([]Match, error) {
	ids := make([]int64, len(candidates))
	for i, c := range candidates {
		ids[i] = c.ChunkID
	}
	vectors, err := m.load(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read the vectors of the best chunks: %w", err)
	}
	exact := make([]Match, 0, len(candidates))
	for _, id := range ids {
		if v, ok := vectors[id]; ok && len(v) == len(q) { // missing: deleted meanwhile
			exact = append(exact, Match{ChunkID: id, Score: unitCosine(q, v)})
		}
	}
	sortMatches(exact)
	return exact[:min(k, len(exact))], nil
}

// sortMatches puts the best score first, and equal scores in chunk order.
func sortMatches(matches []Match) {
	slices.SortFunc(matches, func(a, b Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ChunkID, b.ChunkID)
	})
}

// unitCosine returns the cosine similarity of a unit vector u and any vector v.
func unitCosine(u, v []float32) float64 {
	var dot, norm float64
	for i, x := range v {
		dot += float64(u[i]) * float64(x)
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		return 0
	}
	return dot / math.Sqrt(norm)
}
