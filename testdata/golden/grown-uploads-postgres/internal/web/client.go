// Where a request came from: the visitor's address, for login throttling, the admin's audit
// log. ClientAddresses is set up once, in internal/server/server.go; every
// handler then asks ClientAddress(r).

package web

import (
	"context"
	"net"
	"net/http"
	"strings"
)

// clientAddressKey is the context key for the address ClientAddresses works out.
type clientAddressKey struct{}

// ClientAddresses is middleware that works out where each request came from and keeps it in
// the request's context for ClientAddress. Behind a proxy (fly.io, a load balancer) every
// request comes from the proxy, so header (CLIENT_IP_HEADER) names the header where the proxy
// writes the visitor's address; the first address in it is the visitor's. An empty header
// means there is no proxy: the address is the connection's. Only trust a header your proxy sets:
// anyone else can send it too.
func ClientAddresses(header string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		address := remoteHost(r)
		if header != "" {
			if value, _, _ := strings.Cut(r.Header.Get(header), ","); strings.TrimSpace(value) != "" {
				address = strings.TrimSpace(value)
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientAddressKey{}, address)))
	})
}

// ClientAddress is where r came from, as ClientAddresses worked it out. A request that did not
// pass through it (a handler under test on its own) gets the connection's address.
func ClientAddress(r *http.Request) string {
	if address, ok := r.Context().Value(clientAddressKey{}).(string); ok {
		return address
	}
	return remoteHost(r)
}

// remoteHost is the address of the connection, without its port.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
