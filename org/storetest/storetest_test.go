package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/org/storetest"
)

// careless is a store that ignores a cancelled context in History, which
// org.Store promises to honour.
type careless struct{ *memstore.Store }

func (s careless) History(_ context.Context, account org.AccountID) ([]org.Change, error) {
	return s.Store.History(context.Background(), account)
}

// The kit catches a store that ignores a cancelled context (issue 13, item
// 18): run on one, it fails. It runs in a child process, so that its
// failure is this test's verdict.
func TestKitCatchesAStoreIgnoringCancellation(t *testing.T) {
	if os.Getenv("STORETEST_CARELESS") == "1" {
		storetest.Run(t, func(*testing.T) org.Store { return careless{memstore.New()} })
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKitCatchesAStoreIgnoringCancellation$")
	cmd.Env = append(os.Environ(), "STORETEST_CARELESS=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the kit passed a store that ignores cancellation:\n%s", out)
	require.Contains(t, string(out), "History honours a cancelled context")
}
