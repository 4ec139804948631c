// The logged-in user travels with each request, in its context: auth's middleware puts them
// there (WithUser) and every page's layout shows them (PageData.User). Add a field here when
// templates need to know more about the user, such as a display name.

package web

import "context"

// User is who is logged in, as pages see them. It holds no password hash, so no template
// can ever show one.
type User struct {
	ID          int64
	Email       string
	IsStaff     bool
	IsSuperuser bool
}

// userKey is the context key for the User; an unexported type means no other package can
// overwrite it by accident.
type userKey struct{}

// WithUser returns a copy of ctx that carries user.
func WithUser(ctx context.Context, user *User) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

// CurrentUser returns the logged-in user, or nil when the visitor is not logged in.
func CurrentUser(ctx context.Context) *User {
	user, _ := ctx.Value(userKey{}).(*User)
	return user
}
