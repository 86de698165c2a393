package memstore_test

import (
	"context"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/artifact/notify/memstore"
)

// The in-memory store of account settings: the default and the test
// fixture.
func Example() {
	ctx := context.Background()
	s := memstore.New()
	st, _ := s.Get(ctx, "111122223333")
	st.Status, st.Agreements = notify.Subscribed, true
	st, _ = s.Put(ctx, st)
	got, _ := s.Get(ctx, "111122223333")
	fmt.Println(got.Status, got.Agreements, got.Seq)
	// Output: SUBSCRIBED true 1
}
