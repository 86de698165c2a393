package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go driver, registered as "sqlite"

	"github.com/artifactkit/artifactkit/artifact/sqlstore"
)

// Synchronous is SQLite's synchronous setting: how hard a commit waits for
// the disk.
type Synchronous string

// The settings Open accepts.
const (
	// Normal (the default): a commit is in the operating system's hands
	// when it is acknowledged; it survives a crash of the process (the
	// durability test kills writers with SIGKILL) but the last commits
	// may be lost, never half-applied, with the power or the kernel.
	Normal Synchronous = "NORMAL"
	// Full: every commit is on disk before it is acknowledged, so an
	// acknowledged write survives the loss of power as well; each commit
	// waits for the disk (about a millisecond on the development machine).
	Full Synchronous = "FULL"
)

type config struct {
	sync    Synchronous
	readers int
	busyMS  int
}

// Option configures Open. An option given its zero value leaves the
// default.
type Option func(*config)

// WithSynchronous sets the synchronous mode (default Normal).
func WithSynchronous(s Synchronous) Option { return func(c *config) { c.sync = s } }

// WithReaders sets how many connections read at once (default: the number
// of CPUs, at least 2).
func WithReaders(n int) Option { return func(c *config) { c.readers = n } }

// WithBusyTimeout sets how long, in milliseconds, a connection waits for
// another process's write lock before the call fails (default 10,000).
func WithBusyTimeout(ms int) Option { return func(c *config) { c.busyMS = ms } }

// configure applies opts over the defaults: a zero value leaves the
// default; a value Open cannot use is an error.
func configure(opts []Option) (config, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	switch {
	case c.sync == "":
		c.sync = Normal
	case c.sync != Full && c.sync != Normal:
		return config{}, fmt.Errorf("sqlite: synchronous mode %q: want FULL or NORMAL", c.sync)
	}
	switch {
	case c.readers == 0:
		c.readers = max(2, runtime.NumCPU())
	case c.readers < 0:
		return config{}, fmt.Errorf("sqlite: %d readers: want at least 1", c.readers)
	}
	switch {
	case c.busyMS == 0:
		c.busyMS = 10_000
	case c.busyMS < 0:
		return config{}, fmt.Errorf("sqlite: busy timeout %d ms: want a positive duration", c.busyMS)
	}
	return c, nil
}

// Open opens (creating it if needed) the SQLite database in file path,
// migrates its schema and returns it. The database runs in WAL mode, so
// readers never wait for the writer; writes of this process go through one
// connection, one transaction at a time, each begun IMMEDIATE so that it
// holds the write lock from its first statement (no upgrade of a read lock
// that another process could refuse); processes sharing the file wait for
// each other up to the busy timeout. Foreign keys are enforced.
func Open(ctx context.Context, path string, opts ...Option) (*sqlstore.DB, error) {
	c, err := configure(opts)
	if err != nil {
		return nil, err
	}
	if path == "" || strings.ContainsAny(path, "?#") || path == ":memory:" {
		return nil, fmt.Errorf("sqlite: %q is not a database file name", path)
	}
	dsn := func(txlock string, readOnly bool) string {
		q := url.Values{}
		q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", c.busyMS))
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous("+string(c.sync)+")")
		q.Add("_pragma", "foreign_keys(ON)")
		if readOnly {
			q.Add("_pragma", "query_only(ON)")
		}
		q.Set("_txlock", txlock)
		return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	}
	w, err := sql.Open("sqlite", dsn("immediate", false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	// The writer connects first, so that WAL mode is set before a reader
	// opens the file.
	if err := connect(ctx, w, time.Duration(c.busyMS)*time.Millisecond); err != nil {
		w.Close()
		return nil, &sqlstore.Error{Op: "open", Err: err}
	}
	r, err := sql.Open("sqlite", dsn("deferred", true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(c.readers)
	r.SetMaxIdleConns(c.readers)
	return sqlstore.Open(ctx, sqlstore.SQLite, w, sqlstore.WithReader(r)) // closes w and r if it fails
}

// connect opens the writer's connection. Switching a new database file to
// WAL mode takes an exclusive lock, and SQLite answers SQLITE_BUSY at once,
// without calling its busy handler, when another process is switching the
// same file at that moment; so connect tries again, with a growing pause,
// until the busy timeout has passed.
func connect(ctx context.Context, w *sql.DB, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	pause := time.Millisecond
	for {
		err := w.PingContext(ctx)
		if err == nil || !isBusy(err) || time.Now().Add(pause).After(deadline) {
			return err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (5), in any of its
// extended forms.
func isBusy(err error) bool {
	var lite interface{ Code() int }
	return errors.As(err, &lite) && lite.Code()&0xff == 5
}
