package memstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/artifactkit/artifactkit/artifact/notify"
)

// Outbox is an in-memory notify.Outbox. The zero value is empty and ready
// to use. It is safe for concurrent use and copies entries in and out.
type Outbox struct {
	mu sync.Mutex
	m  map[string]notify.Pending
}

var _ notify.Outbox = (*Outbox)(nil)

// NewOutbox returns an empty Outbox.
func NewOutbox() *Outbox { return &Outbox{} }

// Put implements notify.Outbox.
func (o *Outbox) Put(ctx context.Context, p notify.Pending) (notify.Pending, error) {
	if err := ctx.Err(); err != nil {
		return notify.Pending{}, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if cur := o.m[p.ID].Seq; p.Seq != cur {
		return notify.Pending{}, fmt.Errorf("pending notifications %s at %d, stored %d: %w", p.ID, p.Seq, cur, notify.ErrConflict)
	}
	if o.m == nil {
		o.m = make(map[string]notify.Pending)
	}
	p = p.Clone()
	p.Seq++
	o.m[p.ID] = p
	return p.Clone(), nil
}

// Delete implements notify.Outbox.
func (o *Outbox) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.m, id)
	return nil
}

// Pending implements notify.Outbox.
func (o *Outbox) Pending(ctx context.Context, after string, limit int) ([]notify.Pending, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o.mu.Lock()
	var out []notify.Pending
	for id, p := range o.m {
		if id > after {
			out = append(out, p.Clone())
		}
	}
	o.mu.Unlock()
	slices.SortFunc(out, func(a, b notify.Pending) int { return strings.Compare(a.ID, b.ID) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
