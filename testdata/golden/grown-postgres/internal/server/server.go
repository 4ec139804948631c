// Package server builds the app's HTTP handler: templates, routes and middleware.
// Something every handler needs (a mailer, an AI client) goes into Deps, made once by NewDeps,
// and is passed to New and on to addRoutes.
package server

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"

	"myapp/internal/admin"
	"myapp/internal/auth"
	"myapp/internal/chat"
	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/rag"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// Deps are what the web app is built from: made once when the program starts (cmd_serve.go
// calls NewDeps) and shared by every handler. A test builds them the same way, and may swap a
// part before calling New, such as the chat's AI provider for a fake one.
type Deps struct {
	Config config.Config
	Logger *slog.Logger
	DB     *sql.DB
	// Statements runs the app's sqlc queries, each prepared once and then reused by every
	// request (database/statements.go): the one statement cache of the app.
	Statements *database.Statements
	Accounts   *auth.Service // users, logins, tokens and permissions
	Chat       *chat.Service // conversations with the AI model
	Documents  *rag.Service  // users' documents, their embedding and search
	// AdminTables are the tables the admin manages: admin.Tables() (admin/tables.go). A test
	// may add one that only it declares, and still go through the real routes.
	AdminTables []admin.Table
}

// NewDeps builds the services of the app over db, opened and migrated by the caller.
// A new one (a mail client, say) is made here too, once, and added to Deps.
func NewDeps(cfg config.Config, logger *slog.Logger, db *sql.DB) Deps {
	deps := Deps{Config: cfg, Logger: logger, DB: db, Statements: database.NewStatements(db)}
	deps.Accounts = auth.NewService(cfg, db, deps.Statements, logger)
	// The chat answers with the model in the configuration, or with a demo when there is no API key.
	deps.Chat = chat.NewService(cfg, db, deps.Statements, chat.NewProvider(cfg))
	// Documents are saved here and embedded in the background (serve runs the jobs).
	deps.Documents = rag.NewService(cfg, db, deps.Statements, logger)
	// EMBEDDING_MODEL at EMBEDDING_BASE_URL, or the offline embedder when there is no key.
	deps.Documents.SetEmbedder(rag.NewEmbedder(cfg))
	// Asked to "use my documents", the chat answers from what a search of them finds.
	deps.Chat.UseDocuments(deps.Documents)
	deps.AdminTables = admin.Tables()
	// Sharing or deleting a document in the admin reaches the search index too.
	deps.AdminTables = admin.FollowDocuments(deps.AdminTables, deps.Documents)
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
	deps.Documents.SetFiles(files) // uploaded documents are stored like every other upload
	// Semantic search: the vector index, built from the stored vectors (rag/open_index.go).
	if err := deps.Documents.OpenIndex(context.Background()); err != nil {
		return nil, err
	}
	accounts := auth.NewHandlers(deps.Accounts, render)
	// The admin checks each request's permissions with auth and manages deps.AdminTables.
	site, err := admin.NewHandlers(render, admin.NewStore(deps.DB), accounts, logger, deps.AdminTables)
	if err != nil {
		return nil, err
	}
	site.UseUploads(files, policy) // for the tables' Image and File fields
	chats := chat.NewHandlers(deps.Chat, render, logger)
	addRoutes(mux, render, deps, files, policy, accounts, site, chats)

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
