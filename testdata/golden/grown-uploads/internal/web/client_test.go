// Tests for ClientAddress: the connection's address, or the one a trusted proxy's header
// names, and never a header the app was not told to trust.

package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestClientAddress(t *testing.T) {
	tests := []struct {
		name       string
		header     string // CLIENT_IP_HEADER
		remoteAddr string
		sent       map[string]string
		want       string
	}{
		{"no proxy", "", "203.0.113.7:51234", nil, "203.0.113.7"},
		{"no proxy ignores a forged header", "", "203.0.113.7:51234", map[string]string{"Fly-Client-IP": "10.0.0.1"}, "203.0.113.7"},
		{"proxy header", "Fly-Client-IP", "10.0.0.2:4000", map[string]string{"Fly-Client-IP": "198.51.100.4"}, "198.51.100.4"},
		{"first of a list", "X-Forwarded-For", "10.0.0.2:4000", map[string]string{"X-Forwarded-For": " 198.51.100.4 , 10.0.0.9"}, "198.51.100.4"},
		{"other header ignored", "Fly-Client-IP", "10.0.0.2:4000", map[string]string{"X-Forwarded-For": "198.51.100.4"}, "10.0.0.2"},
		{"empty header value", "Fly-Client-IP", "10.0.0.2:4000", map[string]string{"Fly-Client-IP": " , 1.2.3.4"}, "10.0.0.2"},
		{"IPv6", "", "[2001:db8::1]:443", nil, "2001:db8::1"},
		{"no port", "", "unix-socket", nil, "unix-socket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = tt.remoteAddr
			for name, value := range tt.sent {
				req.Header.Set(name, value)
			}
			var got string
			ClientAddresses(tt.header, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				got = ClientAddress(r)
			})).ServeHTTP(httptest.NewRecorder(), req)
			if got != tt.want {
				t.Errorf("ClientAddress = %q, want %q", got, tt.want)
			}
		})
	}
}

// A handler tested on its own, without the middleware, still learns the connection's address.
func TestClientAddressWithoutMiddleware(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "192.0.2.1:1234"
	if got := ClientAddress(req); got != "192.0.2.1" {
		t.Errorf("ClientAddress = %q, want 192.0.2.1", got)
	}
}
