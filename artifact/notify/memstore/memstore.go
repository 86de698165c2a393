package memstore

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
)

// Store is an in-memory notify.Store. The zero value is empty and ready to
// use. It is safe for concurrent use and copies settings in and out.
type Store struct {
	mu sync.RWMutex
	m  map[aws.AccountID]notify.Settings
}

var _ notify.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// Get implements notify.Store.
func (s *Store) Get(ctx context.Context, account aws.AccountID) (notify.Settings, error) {
	if err := ctx.Err(); err != nil {
		return notify.Settings{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.m[account]
	if !ok {
		return notify.Settings{Account: account}, nil
	}
	return v.Clone(), nil
}

// Put implements notify.Store.
func (s *Store) Put(ctx context.Context, v notify.Settings) (notify.Settings, error) {
	if err := ctx.Err(); err != nil {
		return notify.Settings{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.m[v.Account].Seq
	if v.Seq != cur {
		return notify.Settings{}, fmt.Errorf("settings of %s at %d, stored %d: %w", v.Account, v.Seq, cur, notify.ErrConflict)
	}
	if s.m == nil {
		s.m = make(map[aws.AccountID]notify.Settings)
	}
	v = v.Clone()
	v.Seq++
	s.m[v.Account] = v
	return v.Clone(), nil
}

// Subscribed implements notify.Store.
func (s *Store) Subscribed(ctx context.Context, f func(notify.Settings) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	var subs []notify.Settings
	for _, v := range s.m {
		if v.Subscribed() {
			subs = append(subs, v.Clone())
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(subs, func(a, b notify.Settings) int {
		switch {
		case a.Account < b.Account:
			return -1
		case a.Account > b.Account:
			return 1
		}
		return 0
	})
	for _, v := range subs {
		if !f(v) {
			break
		}
	}
	return nil
}

var _ notify.BatchStore = (*Store)(nil)

// GetMany implements notify.BatchStore.
func (s *Store) GetMany(ctx context.Context, accounts []aws.AccountID) (map[aws.AccountID]notify.Settings, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[aws.AccountID]notify.Settings, len(accounts))
	for _, a := range accounts {
		v, ok := s.m[a]
		if !ok {
			v = notify.Settings{Account: a}
		}
		out[a] = v.Clone()
	}
	return out, nil
}
