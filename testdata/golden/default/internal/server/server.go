// Package server builds the app's HTTP handler: templates, routes and middleware.
// Something every handler needs (a mailer, an AI client) is passed to New and on to addRoutes.
package server

import (
	"database/sql"
	"log/slog"
	"net/http"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/chat"
	"myapp/internal/config"
	"myapp/internal/web"
)

// New returns the whole web app as one http.Handler, ready for an http.Server or a test.
func New(cfg config.Config, logger *slog.Logger, db *sql.DB) (http.Handler, error) {
	render, err := web.NewRenderer(logger)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	accounts := auth.NewHandlers(auth.NewService(cfg, db, logger), render)
	// The admin checks each request's permissions with auth and manages the models in admin.Models.
	site, err := admin.NewHandlers(render, admin.NewStore(db), accounts, logger, admin.Models())
	if err != nil {
		return nil, err
	}
	// The chat answers with the model in the configuration, or with a demo when there is no API key.
	chats := chat.NewHandlers(chat.NewService(cfg, db, chat.NewProvider(cfg)), render, logger)
	addRoutes(mux, render, db, accounts, site, chats)

	// Each middleware wraps the handler before it, so the last one runs first on a request:
	// logging sees everything, including the 500 from a recovered panic.
	var handler http.Handler = mux
	// Every page request gets its session and, when someone is logged in, their user.
	handler = accounts.Sessions(handler)
	// Answers to someone logged in stay out of shared caches (middleware.go).
	handler = noStoreWhenPrivate(handler)
	// Text the database cannot store (a NUL character, broken UTF-8) is refused here (input.go).
	handler = rejectBadText(handler)
	// Refuse state-changing requests (POST, PUT, DELETE...) sent by other sites: cross-site
	// request forgery. Browsers say where a request comes from; this checks it.
	// It covers every form, htmx request and the login itself, so no form needs a token.
	crossOrigin := http.NewCrossOriginProtection()
	crossOrigin.SetDenyHandler(http.HandlerFunc(refuseCrossOrigin))
	handler = crossOrigin.Handler(handler)
	handler = securityHeaders(cfg.IsProduction(), handler)
	handler = contentSecurityPolicy(render.Assets(), handler) // csp.go
	handler = recoverPanics(render, logger, handler)
	// Where each request came from, for throttling and the audit log (web.ClientAddress);
	// behind a proxy, CLIENT_IP_HEADER names the header that says so.
	handler = web.ClientAddresses(cfg.ClientIPHeader, handler)
	handler = logRequests(logger, handler)
	return handler, nil
}

// refuseCrossOrigin answers a request refused as cross-site with 403: in JSON under /api/,
// like every other API answer, and in plain text elsewhere.
func refuseCrossOrigin(w http.ResponseWriter, r *http.Request) {
	web.Refuse(w, r, http.StatusForbidden, "this request came from another site, so it was refused")
}
