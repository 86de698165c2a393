package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzLoadWorld: a world file is read or refused with an error, never a
// panic; what loads has a service and valid credentials.
func FuzzLoadWorld(f *testing.F) {
	b, err := os.ReadFile("testdata/world.json")
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`{"principals":[{"name":"a","account":"111122223333","principal":"root","accessKeyId":"AKIAEXAMPLE000000001","secretAccessKey":"s"}]}`))
	f.Add([]byte(`{"reports":[{"name":"r","category":"c","series":"s","periodEnd":"2025-01-01","document":"d"}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		w, err := loadWorld(context.Background(), bytes.NewReader(b), nil, false)
		if err != nil {
			require.NotEmpty(t, err.Error())
			return
		}
		require.NotNil(t, w.service)
		for _, c := range w.printed {
			require.NotNil(t, c.Caller)
			require.NotEmpty(t, c.SecretAccessKey)
		}
	})
}
