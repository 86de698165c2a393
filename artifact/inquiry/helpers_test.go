package inquiry_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
)

const (
	account = aws.AccountID("111122223333")
	other   = aws.AccountID("444455556666")
)

var start = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// clock is a settable clock safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newAssistant returns an Assistant on a memstore with a clock at start and
// deterministic ids.
func newAssistant(t testing.TB, opts ...inquiry.Option) (*inquiry.Assistant, *clock, *memstore.Store) {
	t.Helper()
	c := &clock{t: start}
	st := memstore.New()
	all := append([]inquiry.Option{inquiry.WithClock(c.Now), inquiry.WithRand(rand.NewChaCha8([32]byte{1}))}, opts...)
	a, err := inquiry.New(st, all...)
	require.NoError(t, err)
	return a, c, st
}

// echo is an Answerer that answers each question with "Answer to: <q>".
var echo = inquiry.AnswererFunc(func(_ context.Context, b inquiry.Batch) ([]inquiry.Answer, error) {
	out := make([]inquiry.Answer, len(b.Questions))
	for i, q := range b.Questions {
		out[i] = inquiry.Answer{Response: "Answer to: " + q.Text,
			Citations: []inquiry.Citation{{SourceLabel: "Echo", SourceLink: "https://example.invalid/" + q.Section}}}
	}
	return out, nil
})

// csvFile is a questionnaire of three questions in column Question.
const csvFile = "ID,Question,Notes\n1,Do you have a SOC 2 report?,\n2,Is data encrypted at rest?,x\n3,Is Amazon S3 HIPAA eligible?,\n"

func allQueries(t testing.TB, a *inquiry.Assistant, id inquiry.ID) []inquiry.Query {
	t.Helper()
	qs, next, err := a.Queries(context.Background(), account, id, 0, 10_000)
	require.NoError(t, err)
	require.Zero(t, next)
	return qs
}
