package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

// Open creates the database file and its schema.
func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "artifactkit")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "artifact.db"), sqlite.WithSynchronous(sqlite.Full))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	v, _ := db.Version(ctx)
	fmt.Println(db.Dialect(), "schema version", v)
	// Output: sqlite schema version 3
}
