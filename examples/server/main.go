package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// options are the server's flags.
type options struct {
	listen   string
	region   string
	db       string
	demo     bool
	world    string
	tlsCert  string
	tlsKey   string
	shutdown time.Duration
}

// errUsage is a refusal of the command line; the message is printed.
var errUsage = errors.New("usage")

// The exit statuses of the server.
const (
	exitOK       = 0 // a graceful shutdown, or a signal before serving
	exitFailed   = 1 // serving failed: the address, the TLS files, the world
	exitUsage    = 2 // a bad command line
	exitDatabase = 3 // the database -db names cannot be opened
)

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "`address` to listen on; port 0 picks a free one")
	fs.StringVar(&o.region, "region", artifact.DefaultRegion, "the `region` the endpoint answers in (credential scopes must name it)")
	fs.StringVar(&o.db, "db", "memory", "the stores: memory, sqlite:`PATH` or a postgres:// DSN")
	fs.BoolVar(&o.demo, "demo", false, "serve the artifacttest world with demo credentials for its principals")
	fs.StringVar(&o.world, "world", "", "serve the world and credentials of `FILE` (see the package documentation)")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "serve HTTPS with the certificate `FILE` (PEM), with -tls-key")
	fs.StringVar(&o.tlsKey, "tls-key", "", "the private key `FILE` (PEM) of -tls-cert")
	fs.DurationVar(&o.shutdown, "shutdown-timeout", 10*time.Second, "how long a shutdown waits for requests in flight")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: server [-demo | -world FILE] [flags]\n\nAn AWS-compatible AWS Artifact endpoint over artifactkit.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, errUsage
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case o.demo && o.world != "":
		return o, errors.New("-demo and -world are exclusive: serve one world")
	case (o.tlsCert == "") != (o.tlsKey == ""):
		return o, errors.New("-tls-cert and -tls-key go together")
	case o.shutdown <= 0:
		return o, errors.New("-shutdown-timeout must be positive")
	}
	if err := aws.ValidateRegion("aws", o.region); err != nil {
		return o, fmt.Errorf("-region: %w", err)
	}
	return o, nil
}

// run is the server: it returns the process's exit status (exitOK after a
// graceful shutdown, or when ctx is done before it serves, exitFailed when
// serving failed, exitUsage for a bad command line, exitDatabase when the
// database cannot be opened). ctx is done at SIGINT or SIGTERM: it stops
// opening the database and serving.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(stderr, "server:", err)
		}
		return exitUsage
	}
	logs := &lineWriter{w: stderr}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	requests := requestLogger{w: logs}

	stores, err := openStores(ctx, o.db)
	switch {
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "server:", err)
		return exitUsage
	case err != nil && ctx.Err() != nil:
		return interrupted(stderr, "opening the database")
	case err != nil:
		fmt.Fprintln(stderr, "server:", err)
		return exitDatabase
	}
	defer stores.close()

	w, err := buildWorld(ctx, o, stores)
	switch {
	case ctx.Err() != nil:
		return interrupted(stderr, "loading the world")
	case err != nil:
		fmt.Fprintln(stderr, "server:", err)
		return exitFailed
	}
	keys, err := endpoint.NewCredentials(w.credentials()...)
	if err != nil {
		fmt.Fprintln(stderr, "server:", err)
		return exitFailed
	}
	h, err := endpoint.New(w.service, keys, endpoint.WithRequestLog(requests.log))
	if err != nil {
		fmt.Fprintln(stderr, "server:", err)
		return exitFailed
	}

	mux := http.NewServeMux()
	mux.Handle("/health", health(logger))
	mux.Handle("/", w.wrap(h))

	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		fmt.Fprintln(stderr, "server:", err)
		return exitFailed
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	scheme := "http"
	if o.tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
		if err != nil {
			ln.Close()
			fmt.Fprintln(stderr, "server: -tls-cert/-tls-key:", err)
			return exitFailed
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
		scheme = "https"
	}

	// The first lines of the output, which scripts read.
	fmt.Fprintf(stdout, "listening on %s://%s\n", scheme, ln.Addr())
	for _, c := range w.printed {
		fmt.Fprintf(stdout, "credential %s %s %s %s %s\n", c.name, c.Caller.Account(), c.AccessKeyID, c.SecretAccessKey, c.Caller.Principal())
	}
	if f, ok := stdout.(interface{ Sync() error }); ok {
		_ = f.Sync()
	}
	logger.Info("serving", "address", ln.Addr().String(), "scheme", scheme, "region", o.region, "db", stores.name,
		"world", w.name, "credentials", keys.Len())
	if w.resumed {
		logger.Info("the database holds the world of an earlier start: serving it as it is, without loading the world again", "db", stores.name)
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		logger.Error("serving failed", "error", err.Error())
		return exitFailed
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", o.shutdown.String())
	sctx, cancel := context.WithTimeout(context.Background(), o.shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Error("shutdown", "error", err.Error())
		return exitFailed
	}
	logger.Info("stopped")
	return exitOK
}

// interrupted says that a signal stopped the server before it served,
// while it was doing what, and returns exitOK: the server stopped as it
// was asked to.
func interrupted(stderr io.Writer, doing string) int {
	fmt.Fprintf(stderr, "server: interrupted while %s: stopped without serving\n", doing)
	return exitOK
}

// health answers GET /health with 200 and {"status":"ok"}, unsigned, for
// load balancers and scripts waiting for the server.
func health(logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		status := http.StatusOK
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			status = http.StatusMethodNotAllowed
			w.Header().Set("Allow", "GET, HEAD")
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		if status == http.StatusOK && r.Method == http.MethodGet {
			_, _ = io.WriteString(w, `{"status":"ok"}`+"\n")
		}
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("operation", "Health"))
	})
}
