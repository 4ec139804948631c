// The answer for a URL no route serves: 405 Method Not Allowed, with the methods that work,
// when the path is known but the method is not (POST to a page that is only shown), and 404
// otherwise. Go's router gives that 405 by itself, except under a catch-all pattern such as
// "/", which matches every method and path; notFound restores it.

package server

import (
	"net/http"
	"slices"
	"strings"

	"myapp/internal/web"
)

// probedMethods are the methods notFound tries a path with, in the order the Allow header lists them.
var probedMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// notFound answers the requests that reached the catch-all pattern catchAll of mux: 405 with an
// Allow header when another method of the same path has a route, or else the answer of fallback.
func notFound(mux *http.ServeMux, catchAll string, fallback http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allowed := allowedMethods(mux, r, catchAll)
		if len(allowed) == 0 || slices.Contains(allowed, r.Method) {
			fallback.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		web.Refuse(w, r, http.StatusMethodNotAllowed, r.Method+" is not answered at "+r.URL.Path+": use "+strings.Join(allowed, " or "))
	})
}

// allowedMethods asks mux which route each method would reach for r's path, and returns the
// methods that reach a route of their own rather than a catch-all.
func allowedMethods(mux *http.ServeMux, r *http.Request, catchAll string) []string {
	var allowed []string
	for _, method := range probedMethods {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" && pattern != catchAll {
			allowed = append(allowed, method)
		}
	}
	return allowed
}
