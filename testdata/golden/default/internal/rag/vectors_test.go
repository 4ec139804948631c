// Test vectors that behave like real embeddings, for the recall tests and benchmarks of the
// indexes: uniform random vectors are all nearly equally far apart, which makes a quantised
// search look better or worse than it is on text.

package rag

import (
	"math"
	"math/rand/v2"
	"slices"
)

// vectorSpace makes vectors the way embeddings of a collection of texts spread: each near one
// of many topic centers (clusters), the centers spanned by a few directions (low rank), all
// shifted by one offset that every vector shares (texts of one language have one), plus noise.
type vectorSpace struct {
	rng     *rand.Rand
	dims    int
	centers [][]float32
}

// newVectorSpace returns a space of the given dimensions with topics clusters, the same for
// the same seed.
func newVectorSpace(seed uint64, dims, topics int) *vectorSpace {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const rank = 32
	basis := make([][]float32, rank)
	for r := range basis {
		basis[r] = gaussian(rng, dims, 1)
	}
	offset := gaussian(rng, dims, 1)
	centers := make([][]float32, topics)
	for t := range centers {
		center := make([]float32, dims)
		for r := range rank {
			weight := float32(rng.NormFloat64())
			for i := range center {
				center[i] += weight * basis[r][i] / float32(math.Sqrt(rank))
			}
		}
		for i := range center {
			center[i] += 0.8 * offset[i]
		}
		centers[t] = center
	}
	return &vectorSpace{rng: rng, dims: dims, centers: centers}
}

// vector returns a new vector near a random topic center.
func (s *vectorSpace) vector() []float32 {
	center := s.centers[s.rng.IntN(len(s.centers))]
	noise := gaussian(s.rng, s.dims, 0.6)
	v := make([]float32, s.dims)
	for i := range v {
		v[i] = center[i] + noise[i]
	}
	return v
}

// vectors returns n new vectors.
func (s *vectorSpace) vectors(n int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		out[i] = s.vector()
	}
	return out
}

func gaussian(rng *rand.Rand, dims int, sigma float64) []float32 {
	v := make([]float32, dims)
	for i := range v {
		v[i] = float32(rng.NormFloat64() * sigma)
	}
	return v
}

// exactNearest returns the ids (1 + position in vectors) of the k vectors nearest query by
// cosine similarity, searched in full precision: the answer a quantised index is held to.
func exactNearest(vectors [][]float32, query []float32, k int) []int64 {
	q := unit(query)
	matches := make([]Match, len(vectors))
	for i, v := range vectors {
		matches[i] = Match{ChunkID: int64(i + 1), Score: unitCosine(q, v)}
	}
	sortMatches(matches)
	ids := make([]int64, k)
	for i := range ids {
		ids[i] = matches[i].ChunkID
	}
	return ids
}

// recallAt returns the share of want found in got.
func recallAt(got []Match, want []int64) float64 {
	found := 0
	for _, m := range got {
		if slices.Contains(want, m.ChunkID) {
			found++
		}
	}
	return float64(found) / float64(len(want))
}
