package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/inquiry/storetest"
)

// careless stores each ignore a cancelled context in one method, which
// inquiry.Store promises to honour, and write anyway.
type (
	carelessInsert      struct{ *memstore.Store }
	carelessUpdate      struct{ *memstore.Store }
	carelessPutFeedback struct{ *memstore.Store }
)

func (s carelessInsert) Insert(_ context.Context, in inquiry.Inquiry, qs []inquiry.Query) (inquiry.Inquiry, error) {
	return s.Store.Insert(context.Background(), in, qs)
}

func (s carelessUpdate) Update(_ context.Context, in inquiry.Inquiry, qs []inquiry.Query) (inquiry.Inquiry, error) {
	return s.Store.Update(context.Background(), in, qs)
}

func (s carelessPutFeedback) PutFeedback(_ context.Context, f inquiry.Feedback) (inquiry.Feedback, error) {
	return s.Store.PutFeedback(context.Background(), f)
}

// carelessStores are the careless stores by name, each with what the kit
// says when it catches it.
var carelessStores = map[string]struct {
	store func() inquiry.Store
	says  string
}{
	"Insert":      {func() inquiry.Store { return carelessInsert{memstore.New()} }, "Insert honours a cancelled context"},
	"Update":      {func() inquiry.Store { return carelessUpdate{memstore.New()} }, "Update honours a cancelled context"},
	"PutFeedback": {func() inquiry.Store { return carelessPutFeedback{memstore.New()} }, "PutFeedback honours a cancelled context"},
}

// The kit catches a store that ignores a cancelled context in any of its
// writes: run on one, it fails. Each runs in a child process, so that its
// failure is this test's verdict.
func TestKitCatchesAStoreIgnoringCancellation(t *testing.T) {
	if name := os.Getenv("STORETEST_CARELESS"); name != "" {
		storetest.Run(t, func(*testing.T) inquiry.Store { return carelessStores[name].store() })
		return
	}
	for name, c := range carelessStores {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestKitCatchesAStoreIgnoringCancellation$")
			cmd.Env = append(os.Environ(), "STORETEST_CARELESS="+name)
			out, err := cmd.CombinedOutput()
			require.Error(t, err, "the kit passed a store whose %s ignores cancellation:\n%s", name, out)
			require.Contains(t, string(out), c.says)
		})
	}
}
