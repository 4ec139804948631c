// How hard a SECRET_KEY is to guess. Length alone is not enough: 32 times the letter "s" is
// long, and guessed at once. guessBits estimates the randomness a key holds; Problems refuses
// a production key below MinSecretKeyBits.

package config

import "math"

// MinSecretKeyBits is the least randomness, as guessBits estimates it, that production
// accepts. The estimate is cautious: keys from `go run . secrets` score about 230, and even
// 32 random hex characters (128 real bits) score over 90, while repeated characters, a few
// characters in turn or a sequence such as abcdef... score under 50.
const MinSecretKeyBits = 80

// guessBits estimates how many bits of key an attacker would have to guess. Each character
// counts the bits of choosing it among the different characters the key uses, except one
// that only continues what came before: a stretch repeating an earlier part of the key
// (counted once), or a step the same as the last one (aaaa, abcd, 2468).
func guessBits(key string) float64 {
	runes := []rune(key)
	runes = runes[:min(len(runes), 256)] // enough to judge, and quick for any length
	alphabet := map[rune]bool{}
	for _, r := range runes {
		alphabet[r] = true
	}
	surprises := 0
	for i := 0; i < len(runes); {
		if n := repeatedLength(runes, i); n >= 3 {
			surprises++ // "the same as before, from there": one choice
			i += n
			continue
		}
		if i < 2 || runes[i]-runes[i-1] != runes[i-1]-runes[i-2] {
			surprises++
		}
		i++
	}
	return float64(surprises) * math.Log2(float64(len(alphabet)))
}

// repeatedLength is the length of the longest stretch starting at runes[i] that also starts
// at an earlier position (the two may overlap, as in aaaa).
func repeatedLength(runes []rune, i int) int {
	longest := 0
	for j := range i {
		n := 0
		for i+n < len(runes) && runes[j+n] == runes[i+n] {
			n++
		}
		longest = max(longest, n)
	}
	return longest
}
