package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
	"github.com/artifactkit/artifactkit/artifact/audit/storetest"
)

// careless is a store that ignores a cancelled context in Len, which
// audit.Store promises to honour.
type careless struct{ *memstore.Store }

func (s careless) Len(context.Context) (uint64, error) {
	return s.Store.Len(context.Background())
}

// The kit catches a store that ignores a cancelled context (issue 13, item
// 18): run on one, it fails. It runs in a child process, so that its
// failure is this test's verdict.
func TestKitCatchesAStoreIgnoringCancellation(t *testing.T) {
	if os.Getenv("STORETEST_CARELESS") == "1" {
		storetest.Run(t, func(*testing.T) audit.Store { return careless{memstore.New()} })
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKitCatchesAStoreIgnoringCancellation$")
	cmd.Env = append(os.Environ(), "STORETEST_CARELESS=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the kit passed a store that ignores cancellation:\n%s", out)
	require.Contains(t, string(out), "Len honours a cancelled context")
}
