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

// The in-memory outbox of notifications not delivered yet.
func ExampleOutbox() {
	ctx := context.Background()
	o := memstore.NewOutbox()
	p, _ := o.Put(ctx, notify.Pending{ID: "0001", Body: []byte("the sender's record")})
	pending, _ := o.Pending(ctx, "", 0)
	fmt.Println(len(pending), p.Seq, string(pending[0].Body))
	_ = o.Delete(ctx, p.ID)
	pending, _ = o.Pending(ctx, "", 0)
	fmt.Println(len(pending))
	// Output:
	// 1 1 the sender's record
	// 0
}
