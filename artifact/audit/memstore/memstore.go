// Package memstore is the in-memory audit.Store: the default of the
// artifact service and the fixture of its tests.
package memstore

import (
	"context"
	"fmt"
	"sync"

	"github.com/artifactkit/artifactkit/artifact/audit"
)

// Store is an in-memory audit.Store. The zero value is an empty trail ready
// to use. It is safe for concurrent use and copies records in and out.
type Store struct {
	mu sync.RWMutex
	// chunks hold the records in fixed-size blocks so that a long trail
	// never gets copied when it grows.
	chunks [][]audit.Record
	n      int
}

// chunkSize is the number of records per block.
const chunkSize = 1024

// at returns the record at index i (0-based).
func (s *Store) at(i int) *audit.Record { return &s.chunks[i/chunkSize][i%chunkSize] }

var _ audit.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// Append implements audit.Store.
func (s *Store) Append(_ context.Context, rec audit.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := uint64(s.n) + 1; rec.Seq != want {
		return fmt.Errorf("record %d, want %d: %w", rec.Seq, want, audit.ErrConflict)
	}
	if s.n%chunkSize == 0 {
		s.chunks = append(s.chunks, make([]audit.Record, 0, chunkSize))
	}
	last := len(s.chunks) - 1
	s.chunks[last] = append(s.chunks[last], copyRecord(rec))
	s.n++
	return nil
}

// Len implements audit.Store.
func (s *Store) Len(context.Context) (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return uint64(s.n), nil
}

// Read implements audit.Store.
func (s *Store) Read(_ context.Context, from uint64, limit int) ([]audit.Record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if from == 0 {
		from = 1
	}
	if limit <= 0 || from > uint64(s.n) {
		return nil, nil
	}
	end := int(min(from-1+uint64(limit), uint64(s.n)))
	out := make([]audit.Record, 0, end-int(from-1))
	for i := int(from - 1); i < end; i++ {
		out = append(out, copyRecord(*s.at(i)))
	}
	return out, nil
}

// Tamper calls f with the stored records so that tests can change, remove,
// insert or reorder them behind the log's back; the result replaces the
// trail. It exists to prove that Verify notices.
func (s *Store) Tamper(f func([]audit.Record) []audit.Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]audit.Record, 0, s.n)
	for i := 0; i < s.n; i++ {
		all = append(all, *s.at(i))
	}
	all = f(all)
	s.chunks, s.n = nil, 0
	for _, r := range all {
		if s.n%chunkSize == 0 {
			s.chunks = append(s.chunks, make([]audit.Record, 0, chunkSize))
		}
		s.chunks[len(s.chunks)-1] = append(s.chunks[len(s.chunks)-1], r)
		s.n++
	}
}

func copyRecord(r audit.Record) audit.Record {
	if r.Params != nil {
		r.Params = append([]audit.Param(nil), r.Params...)
	}
	return r
}
