// The serve command: load the configuration, open and migrate the database, then serve HTTP until
// Ctrl+C. Anything the web app needs at start (a mail client, an AI client) is made in server.NewDeps.

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"myapp/internal/auth"
	"myapp/internal/config"
	"myapp/internal/database"
	"myapp/internal/server"
)

// shutdownTimeout is how long requests in flight get to finish after Ctrl+C.
const shutdownTimeout = 10 * time.Second

func runServe(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "", "address to listen on, HOST:PORT (default :$PORT, or :8000)")
	if err := flags.Parse(args); err != nil {
		return ignoreHelp(err)
	}
	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return err
	}
	if *addr == "" {
		*addr = ":" + cfg.Port
	}

	logger := newLogger(cfg, stderr)
	var started func(url string) // what to tell the user once the server listens; nil: nothing
	for _, warning := range cfg.Warnings {
		logger.Warn(warning)
	}

	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := database.Migrate(ctx, db)
	if err != nil {
		return err
	}
	for _, name := range applied {
		logger.Info("applied migration", "file", name)
	}

	// The services every handler shares, made once (internal/server/server.go).
	deps := server.NewDeps(cfg, logger, db)
	accounts := deps.Accounts
	if !cfg.IsProduction() {
		// So that someone can log in on the first run: a superuser with a random password,
		// shown once in a box, after the log lines, once the server listens. It goes to
		// stdout, never into the log.
		password, err := accounts.CreateDevSuperuser(ctx)
		if err != nil {
			logger.Warn("no development superuser was created", "error", err)
		} else if password != "" {
			started = func(url string) { printLoginBox(stdout, url, auth.DevSuperuserEmail, password) }
		}
	}
	go accounts.DeleteExpiredEvery(ctx, 10*time.Minute) // stops when ctx is cancelled
	// Documents are embedded in the background, never in a request. On the way out (Ctrl+C,
	// or a failure below) the worker puts back the job in hand before the database closes.
	jobsCtx, stopJobs := context.WithCancel(ctx)
	jobsStopped := make(chan struct{})
	go func() { deps.Documents.RunJobs(jobsCtx); close(jobsStopped) }()
	defer func() { stopJobs(); <-jobsStopped }()

	handler, err := server.New(deps)
	if err != nil {
		return err
	}
	return listenAndServe(ctx, *addr, handler, logger, started)
}

// listenAndServe serves until ctx is cancelled, then gives requests in flight
// shutdownTimeout to finish. started, if not nil, is called with the server's URL once it
// listens.
func listenAndServe(ctx context.Context, addr string, handler http.Handler, logger *slog.Logger, started func(url string)) error {
	srv := &http.Server{
		Handler: handler,
		// A client must send its headers within this time; this stops slow clients from
		// holding connections open forever. There is no WriteTimeout so that long responses
		// (streams) keep working.
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server using that port? try --addr :8001)", addr, err)
	}
	logger.Info("server started, press Ctrl+C to stop", "url", browserURL(listener.Addr()))
	if started != nil {
		started(browserURL(listener.Addr()))
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(listener) }()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", shutdownTimeout)
	// ctx is already cancelled, so the shutdown gets a fresh context with its own deadline.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down the server: %w", err)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newLogger writes readable text logs in development and JSON (easy for log services to
// search) in production.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	if cfg.IsProduction() {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// browserURL turns a listening address such as [::]:8000 into a link a browser can open.
func browserURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// ignoreHelp treats `--help` as success: the flag package has already printed the usage.
func ignoreHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
