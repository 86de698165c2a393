package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

// A second run finds the first run's state and verifies its audit trail.
func TestTwoRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "artifact.db")
	var outs []string
	for range 3 {
		db, err := sqlite.Open(context.Background(), path)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, run(context.Background(), &buf, db, time.Now))
		require.NoError(t, db.Close())
		outs = append(outs, buf.String())
	}
	require.Contains(t, outs[0], "An empty database")
	require.Contains(t, outs[0], "every account in it is a HIPAA Account")
	for _, out := range outs[1:] {
		require.Contains(t, out, "Found the state of an earlier run: organization o-medtechglobal1")
		require.Contains(t, out, "HIPAA Account: true")
		require.Contains(t, out, "chained and verified")
	}
	require.NotEqual(t, lastLine(outs[1]), lastLine(outs[2]), "each run adds to the trail")
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
