// Package server builds the app's HTTP handler: templates, routes and middleware.
// Something every handler needs (a mailer, an AI client) goes into Deps, made once by NewDeps,
// and is passed to New and on to addRoutes.
package server

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// Deps are what the web app is built from: made once when the program starts (cmd_serve.go
// calls NewDeps) and shared by every handler. A test builds them the same way, and may swap a
// part before calling New.
type Deps struct {
	Config config.Config
	Logger *slog.Logger
	DB     *sql.DB
	// Statements runs the app's sqlc queries, each prepared once and then reused by every
	// request (database/statements.go): the one statement cache of the app.
	Statements *database.Statements
	Accounts   *auth.Service // users, logins, tokens and permissions
}

// NewDeps builds the services of the app over db, opened and migrated by the caller.
// A new one (a mail client, say) is made here too, once, and added to Deps.
func NewDeps(cfg config.Config, logger *slog.Logger, db *sql.DB) Deps {
	deps := Deps{Config: cfg, Logger: logger, DB: db, Statements: database.NewStatements(db)}
	deps.Accounts = auth.NewService(cfg, db, deps.Statements, logger)
	return deps
}

// New returns the whole web app as one http.Handler, ready for an http.Server or a test.
func New(deps Deps) (http.Handler, error) {
	cfg, logger := deps.Config, deps.Logger
	render, err := web.NewRenderer(logger)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	// Uploaded files: kept on disk or in S3 (STORAGE_TYPE), accepted by the limits and types
	// of the configuration (MAX_UPLOAD_MB...).
	store, err := uploads.New(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	files := uploads.NewFiles(deps.DB, store, cfg.S3CDNURL, logger)
	policy := uploads.NewPolicy(cfg)
	accounts := auth.NewHandlers(deps.Accounts, render)
	addRoutes(mux, render, deps, files, policy, accounts)

	// Each middleware wraps the handler before it, so the last one runs first on a request:
	// logging sees everything, including the 500 from a recovered panic.
	var handler http.Handler = mux
	// Every page request gets its session and, when someone is logged in, their user.
	handler = accounts.Sessions(handler)
	// Answers to someone logged in stay out of shared caches (middleware.go).
	handler = noStoreWhenPrivate(handler)
	// Text the database cannot store (a NUL character, broken UTF-8) is refused here (input.go).
	handler = rejectBadText(policy.MaxBytes(), handler)
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
