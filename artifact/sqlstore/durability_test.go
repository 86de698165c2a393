package sqlstore_test

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// The child of TestDurability reads where its database is from these.
const (
	childBackend = "ARTIFACTKIT_DURABILITY_BACKEND"
	childTarget  = "ARTIFACTKIT_DURABILITY_TARGET"
)

func openTarget(t testing.TB, backend, target string) *sqlstore.DB {
	t.Helper()
	var (
		db  *sqlstore.DB
		err error
	)
	if backend == "sqlite" {
		db, err = sqlite.Open(context.Background(), target)
	} else {
		db, err = postgres.Open(context.Background(), os.Getenv(dbtest.DSNVariable), postgres.WithSchema(target), postgres.WithMaxConns(4))
	}
	require.NoError(t, err)
	return db
}

// Durability: a child process performs a stream of writes (acceptances,
// terminations, report publications, audit appends) and prints each one
// once it is acknowledged; the test kills it with SIGKILL at a random
// moment, reopens the database and finds every acknowledged write, nothing
// half-written, and an audit chain that verifies. SQLite runs in WAL mode
// with synchronous NORMAL (the default): an acknowledged commit is in the
// WAL file, in the operating system's hands, which a killed process cannot
// take back. PostgreSQL acknowledges once the commit is in its write-ahead
// log on disk (synchronous_commit on, the server's default).
func TestDurability(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		seed := time.Now().UnixNano()
		rng := rand.New(rand.NewPCG(uint64(seed), 0))
		killAfter := 10 + rng.IntN(40)
		t.Logf("seed %d: SIGKILL after %d acknowledged writes", seed, killAfter)

		var target string
		if b.Name == "sqlite" {
			target = filepath.Join(t.TempDir(), "durable.db")
		} else {
			target = dbtest.NewSchema(t, dbtest.DSN(t))
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), childBackend+"="+b.Name, childTarget+"="+target)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		killed := false
		defer func() {
			if !killed {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
			}
		}()

		var acks []string
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if !strings.HasPrefix(line, "ack ") {
				continue
			}
			acks = append(acks, strings.TrimPrefix(line, "ack "))
			if len(acks) == killAfter {
				require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
				killed = true
			}
		}
		err = cmd.Wait()
		require.True(t, killed, "the child ended before it was killed: %v (%d acks)", err, len(acks))
		require.Error(t, err, "killed")
		require.GreaterOrEqual(t, len(acks), killAfter)

		db := openTarget(t, b.Name, target)
		defer db.Close()
		verifyAcks(t, db, acks)
		require.NoError(t, audit.NewLog(db.Audit()).Verify(ctx), "the chain verifies")
		if b.Name == "sqlite" {
			raw := openRaw(t, "sqlite", "file:"+target)
			var check string
			require.NoError(t, raw.QueryRow("PRAGMA integrity_check").Scan(&check))
			require.Equal(t, "ok", check)
		}
	})
}

// verifyAcks finds every acknowledged write in db.
func verifyAcks(t *testing.T, db *sqlstore.DB, acks []string) {
	t.Helper()
	for _, a := range acks {
		f := strings.Fields(a)
		switch f[0] {
		case "accept", "terminate":
			c, err := db.Agreements().CustomerAgreement(ctx, agreement.CustomerAgreementID(f[1]))
			require.NoError(t, err, a)
			require.Equal(t, f[2], string(c.Account), a)
			if f[0] == "terminate" {
				require.Equal(t, agreement.CustomerTerminated, c.State, a)
				require.False(t, c.EffectiveEnd.IsZero(), a)
			}
			latest, err := db.Agreements().LatestCustomerAgreement(ctx, c.Key())
			require.NoError(t, err, a)
			require.Equal(t, c.ID, latest.ID, a)
		case "report":
			v, err := strconv.ParseInt(f[2], 10, 64)
			require.NoError(t, err)
			r, err := db.Reports().Report(ctx, f[1], v)
			require.NoError(t, err, a)
			require.Equal(t, f[3], r.Document.SHA256.String(), a)
		case "audit":
			seq, err := strconv.ParseUint(f[1], 10, 64)
			require.NoError(t, err)
			recs, err := db.Audit().Read(ctx, seq, 1)
			require.NoError(t, err, a)
			require.Len(t, recs, 1, a)
			require.Equal(t, f[2], hex.EncodeToString(recs[0].Hash[:]), a)
		default:
			t.Fatalf("unknown ack %q", a)
		}
	}
}

// TestDurabilityChild is the child of TestDurability: it writes until it is
// killed, or for a minute at most.
func TestDurabilityChild(t *testing.T) {
	backend, target := os.Getenv(childBackend), os.Getenv(childTarget)
	if backend == "" {
		t.Skip("run by TestDurability")
	}
	db := openTarget(t, backend, target)
	w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: db.ServiceOptions()})
	svc := w.Service
	trail := audit.NewLog(db.Audit())
	soc2 := w.Latest(artifacttest.FamilySOC2)
	deadline := time.Now().Add(time.Minute)
	for i := 0; time.Now().Before(deadline); i++ {
		w.Clock.Advance(time.Second)
		account := org.AccountID(fmt.Sprintf("7%011d", i))
		acc, err := w.AcceptAgreement(ctx, w.Root(account), artifacttest.BAA, agreement.ScopeAccount)
		require.NoError(t, err)
		fmt.Printf("ack accept %s %s\n", acc.CustomerAgreement.ID, account)
		if i%2 == 0 {
			w.Clock.Advance(time.Second)
			term, err := w.TerminateAgreement(ctx, w.Root(account), acc.CustomerAgreement.ID)
			require.NoError(t, err)
			fmt.Printf("ack terminate %s %s\n", term.CustomerAgreement.ID, account)
		}
		r := soc2.Clone()
		r.Version, r.SequenceNumber, r.PublishedAt = 0, 0, time.Time{}
		r.Document = report.Document{SHA256: report.Digest{byte(i), byte(i >> 8), 7}, Size: int64(i + 1)}
		put, err := svc.PublishReport(ctx, r)
		require.NoError(t, err)
		fmt.Printf("ack report %s %d %s\n", put.ID, put.Version, put.Document.SHA256)
		rec, err := trail.Append(ctx, audit.Entry{EventName: "Durability", Principal: "root", Account: account,
			Decision: audit.Allowed, Params: []audit.Param{{Name: "i", Value: strconv.Itoa(i)}}, Time: w.Clock.Now()})
		require.NoError(t, err)
		fmt.Printf("ack audit %d %s\n", rec.Seq, rec.Hash)
	}
}
