// Package server builds the app's HTTP handler: templates, routes and middleware.
// Something every handler needs (a mailer, an AI client) goes into Deps, made once by NewDeps,
// and is passed to New and on to addRoutes.
package server

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"

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
}

// NewDeps builds the services of the app over db, opened and migrated by the caller.
// A new one (a mail client, say) is made here too, once, and added to Deps.
func NewDeps(cfg config.Config, logger *slog.Logger, db *sql.DB) Deps {
	deps := Deps{Config: cfg, Logger: logger, DB: db, Statements: database.NewStatements(db)}
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
	addRoutes(mux, render, deps, files)

	// Each middleware wraps the handler before it, so the last one runs first on a request:
	// logging sees everything, including the 500 from a recovered panic.
	var handler http.Handler = mux
	// Text the database cannot store (a NUL character, broken UTF-8) is refused here (input.go).
	handler = rejectBadText(policy.MaxBytes(), handler)
	// Refuse state-changing requests (POST, PUT, DELETE...) sent by other sites: cross-site
	// request forgery. Browsers say where a request comes from; this checks it.
	handler = http.NewCrossOriginProtection().Handler(handler)
	handler = securityHeaders(cfg.IsProduction(), handler)
	handler = contentSecurityPolicy(render.Assets(), handler) // csp.go
	handler = recoverPanics(render, logger, handler)
	handler = logRequests(logger, handler)
	return handler, nil
}
