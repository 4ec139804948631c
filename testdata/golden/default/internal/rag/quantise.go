// Quantising: turning a vector of 4-byte floats into short codes that keep enough of its
// direction to compare. Two codes, used one after the other by the search (index_search.go):
//   - the sign code: 1 bit per dimension, set when the value is above the center. Two vectors
//     pointing the same way have few differing bits, which the CPU counts in one instruction
//     per 64 dimensions (bits.OnesCount64), so all chunks can be compared in a millisecond.
//   - the level code: 4 bits per dimension, each value rounded to one of 15 levels between
//     minus and plus its vector's largest value; two dimensions per byte.

package rag

import (
	"math"
	"math/bits"
)

// levelSteps is how many levels lie on each side of zero in a level code: -7..7, stored +8.
const levelSteps = 7

// signCodeWords is how many 64-bit words hold a sign code of dims dimensions.
func signCodeWords(dims int) int { return (dims + 63) / 64 }

// levelCodeBytes is how many bytes hold a level code of dims dimensions.
func levelCodeBytes(dims int) int { return (dims + 1) / 2 }

// signCode sets bit i when v[i] is above center[i].
func signCode(v, center []float32) []uint64 {
	code := make([]uint64, signCodeWords(len(v)))
	for i, x := range v {
		if x > center[i] {
			code[i/64] |= 1 << (i % 64)
		}
	}
	return code
}

// differingBits counts the bits that differ between two sign codes: the smaller, the nearer.
func differingBits(a, b []uint64) int {
	n := 0
	for i, word := range a {
		n += bits.OnesCount64(word ^ b[i])
	}
	return n
}

// levelCode rounds each value of v to a level between -7 and 7 of v's largest value.
func levelCode(v []float32) []byte {
	var largest float32
	for _, x := range v {
		largest = max(largest, float32(math.Abs(float64(x))))
	}
	code := make([]byte, levelCodeBytes(len(v)))
	for i := range code {
		code[i] = 8 | 8<<4 // level 0 in both halves (an odd last dimension stays 0)
	}
	if largest == 0 {
		return code
	}
	for i, x := range v {
		level := byte(int(math.Round(float64(x/largest*levelSteps))) + 8)
		if i%2 == 0 {
			code[i/2] = code[i/2]&0xF0 | level
		} else {
			code[i/2] = code[i/2]&0x0F | level<<4
		}
	}
	return code
}

// levelAt returns the level of dimension i in a level code, from -7 to 7.
func levelAt(code []byte, i int) int {
	b := code[i/2]
	if i%2 == 1 {
		b >>= 4
	}
	return int(b&0x0F) - 8
}

// levelValues maps each 4-bit value to its level, so that scoring needs no subtraction.
var levelValues = [16]float32{-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7}

// levelNorm returns the length of a level code seen as a vector of its levels.
func levelNorm(code []byte, dims int) float32 {
	var sum float32
	for i := range dims {
		level := float32(levelAt(code, i))
		sum += level * level
	}
	return float32(math.Sqrt(float64(sum)))
}

// levelDot returns the dot product of query (padded to an even length) and a level code.
func levelDot(query []float32, code []byte) float32 {
	var sum float32
	for i, b := range code {
		sum += query[2*i]*levelValues[b&0x0F] + query[2*i+1]*levelValues[b>>4]
	}
	return sum
}
