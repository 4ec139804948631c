// The nonce of a request: a random word that the Content-Security-Policy (internal/server/csp.go)
// names, so that an inline script of ours carrying it (nonce="..." set from .Nonce) runs and
// one an attacker slipped into a page does not. The middleware puts it in the request's
// context; Page hands it to the templates as .Nonce.

package web

import "context"

// nonceKey is the context key of the nonce; an unexported type keeps other packages'
// keys from colliding with it.
type nonceKey struct{}

// WithNonce returns ctx carrying nonce, for the pages rendered during this request.
func WithNonce(ctx context.Context, nonce string) context.Context {
	return context.WithValue(ctx, nonceKey{}, nonce)
}

// Nonce returns the nonce of the request, or "" when no policy middleware ran (in a test
// that calls a handler directly, say).
func Nonce(ctx context.Context) string {
	nonce, _ := ctx.Value(nonceKey{}).(string)
	return nonce
}
