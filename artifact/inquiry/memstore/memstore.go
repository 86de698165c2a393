package memstore

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// Store is an in-memory inquiry.Store. Its zero value is an empty store
// ready to use; New returns one.
type Store struct {
	mu sync.RWMutex
	// inquiries by id, with their queries (by identifier - 1).
	inquiries map[inquiry.ID]*record
	// byAccount holds each account's inquiries in listing-key order.
	byAccount map[aws.AccountID][]entry
	tokens    map[tokenKey]inquiry.ID
	// due holds the inquiries whose Due is set.
	due map[inquiry.ID]time.Time

	// feedback by inquiry, then by query and principal.
	feedback      map[inquiry.ID]map[feedbackKey]inquiry.Feedback
	feedbackToken map[tokenKey]inquiry.Feedback
}

type record struct {
	in      inquiry.Inquiry
	queries []inquiry.Query
}

type entry struct {
	key string
	id  inquiry.ID
}

type tokenKey struct {
	account aws.AccountID
	token   string
}

type feedbackKey struct {
	query     int
	principal string
}

var _ inquiry.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return new(Store) }

// initLocked makes the maps of a zero Store; s.mu is held for writing.
func (s *Store) initLocked() {
	if s.inquiries != nil {
		return
	}
	s.inquiries = map[inquiry.ID]*record{}
	s.byAccount = map[aws.AccountID][]entry{}
	s.tokens = map[tokenKey]inquiry.ID{}
	s.due = map[inquiry.ID]time.Time{}
	s.feedback = map[inquiry.ID]map[feedbackKey]inquiry.Feedback{}
	s.feedbackToken = map[tokenKey]inquiry.Feedback{}
}

func errf(sentinel error, format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, sentinel)...)
}

// notFound is the error of an inquiry the account does not have.
func notFound(id inquiry.ID) error { return &inquiry.NotFoundError{ID: id} }

// Insert implements inquiry.Store.
func (s *Store) Insert(ctx context.Context, in inquiry.Inquiry, queries []inquiry.Query) (inquiry.Inquiry, error) {
	if err := ctx.Err(); err != nil {
		return inquiry.Inquiry{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	if _, ok := s.inquiries[in.ID]; ok {
		return inquiry.Inquiry{}, errf(inquiry.ErrExists, "inquiry %s", in.ID)
	}
	tk := tokenKey{in.Account, in.ClientToken}
	if in.ClientToken != "" {
		if _, ok := s.tokens[tk]; ok {
			return inquiry.Inquiry{}, errf(inquiry.ErrExists, "client token of account %s", in.Account)
		}
	}
	for i, q := range queries {
		if q.Identifier != i+1 {
			return inquiry.Inquiry{}, errf(inquiry.ErrInvalid, "query %d has identifier %d", i+1, q.Identifier)
		}
	}
	in = in.Clone()
	in.Seq = 1
	rec := &record{in: in, queries: make([]inquiry.Query, len(queries))}
	for i, q := range queries {
		rec.queries[i] = q.Clone()
	}
	s.inquiries[in.ID] = rec
	if in.ClientToken != "" {
		s.tokens[tk] = in.ID
	}
	list := s.byAccount[in.Account]
	e := entry{key: in.ListKey(), id: in.ID}
	i := sort.Search(len(list), func(i int) bool { return list[i].key >= e.key })
	list = append(list, entry{})
	copy(list[i+1:], list[i:])
	list[i] = e
	s.byAccount[in.Account] = list
	s.setDue(in)
	return in.Clone(), nil
}

func (s *Store) setDue(in inquiry.Inquiry) {
	if in.Due.IsZero() {
		delete(s.due, in.ID)
	} else {
		s.due[in.ID] = in.Due
	}
}

// lookup returns the account's record of id; s.mu is held.
func (s *Store) lookup(account aws.AccountID, id inquiry.ID) (*record, error) {
	rec, ok := s.inquiries[id]
	if !ok || rec.in.Account != account {
		return nil, notFound(id)
	}
	return rec, nil
}

// Get implements inquiry.Store.
func (s *Store) Get(ctx context.Context, account aws.AccountID, id inquiry.ID) (inquiry.Inquiry, error) {
	if err := ctx.Err(); err != nil {
		return inquiry.Inquiry{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rec, err := s.lookup(account, id)
	if err != nil {
		return inquiry.Inquiry{}, err
	}
	return rec.in.Clone(), nil
}

// ByClientToken implements inquiry.Store.
func (s *Store) ByClientToken(ctx context.Context, account aws.AccountID, token string) (inquiry.Inquiry, error) {
	if err := ctx.Err(); err != nil {
		return inquiry.Inquiry{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.tokens[tokenKey{account, token}]
	if !ok {
		return inquiry.Inquiry{}, errf(inquiry.ErrNotFound, "no inquiry with that client token")
	}
	return s.inquiries[id].in.Clone(), nil
}

// List implements inquiry.Store.
func (s *Store) List(ctx context.Context, account aws.AccountID, after string, limit int) ([]inquiry.Inquiry, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	list := s.byAccount[account]
	i := sort.Search(len(list), func(i int) bool { return list[i].key > after })
	end := min(len(list), i+max(limit, 0))
	out := make([]inquiry.Inquiry, 0, end-i)
	for _, e := range list[i:end] {
		out = append(out, s.inquiries[e.id].in.Clone())
	}
	next := ""
	if end < len(list) && end > i {
		next = list[end-1].key
	}
	return out, next, nil
}

// Update implements inquiry.Store.
func (s *Store) Update(ctx context.Context, in inquiry.Inquiry, queries []inquiry.Query) (inquiry.Inquiry, error) {
	if err := ctx.Err(); err != nil {
		return inquiry.Inquiry{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	rec, err := s.lookup(in.Account, in.ID)
	if err != nil {
		return inquiry.Inquiry{}, err
	}
	if rec.in.Seq != in.Seq {
		return inquiry.Inquiry{}, errf(inquiry.ErrConflict, "inquiry %s at seq %d, not %d", in.ID, rec.in.Seq, in.Seq)
	}
	for _, q := range queries {
		if q.Identifier < 1 || q.Identifier > len(rec.queries) {
			return inquiry.Inquiry{}, errf(inquiry.ErrNotFound, "inquiry %s has no query %d", in.ID, q.Identifier)
		}
	}
	in = in.Clone()
	in.Seq++
	// What never changes is kept as stored.
	in.CreatedAt, in.ClientToken = rec.in.CreatedAt, rec.in.ClientToken
	rec.in = in
	for _, q := range queries {
		rec.queries[q.Identifier-1] = q.Clone()
	}
	s.setDue(in)
	return in.Clone(), nil
}

// Queries implements inquiry.Store.
func (s *Store) Queries(ctx context.Context, account aws.AccountID, id inquiry.ID, after, limit int) ([]inquiry.Query, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rec, err := s.lookup(account, id)
	if err != nil {
		return nil, 0, err
	}
	start := min(max(after, 0), len(rec.queries))
	end := len(rec.queries)
	if limit > 0 {
		end = min(end, start+limit)
	}
	out := make([]inquiry.Query, end-start)
	for i, q := range rec.queries[start:end] {
		out[i] = q.Clone()
	}
	next := 0
	if end < len(rec.queries) && end > start {
		next = end
	}
	return out, next, nil
}

// Due implements inquiry.Store.
func (s *Store) Due(ctx context.Context, at time.Time, limit int) ([]inquiry.Inquiry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	type due struct {
		id inquiry.ID
		at time.Time
	}
	var ds []due
	for id, t := range s.due {
		if !t.After(at) {
			ds = append(ds, due{id, t})
		}
	}
	sort.Slice(ds, func(i, j int) bool {
		if !ds[i].at.Equal(ds[j].at) {
			return ds[i].at.Before(ds[j].at)
		}
		return ds[i].id < ds[j].id
	})
	if limit > 0 && len(ds) > limit {
		ds = ds[:limit]
	}
	out := make([]inquiry.Inquiry, len(ds))
	for i, d := range ds {
		out[i] = s.inquiries[d.id].in.Clone()
	}
	return out, nil
}

// PutFeedback implements inquiry.Store.
func (s *Store) PutFeedback(ctx context.Context, f inquiry.Feedback) (inquiry.Feedback, error) {
	if err := ctx.Err(); err != nil {
		return inquiry.Feedback{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	if _, err := s.lookup(f.Account, f.Inquiry); err != nil {
		return inquiry.Feedback{}, err
	}
	tk := tokenKey{f.Account, f.ClientToken}
	if f.ClientToken != "" {
		if _, ok := s.feedbackToken[tk]; ok {
			return inquiry.Feedback{}, errf(inquiry.ErrExists, "feedback client token of account %s", f.Account)
		}
	}
	f = f.Clone()
	byKey := s.feedback[f.Inquiry]
	if byKey == nil {
		byKey = map[feedbackKey]inquiry.Feedback{}
		s.feedback[f.Inquiry] = byKey
	}
	byKey[feedbackKey{f.QueryIdentifier, f.Principal}] = f
	if f.ClientToken != "" {
		s.feedbackToken[tk] = f.Clone()
	}
	return f.Clone(), nil
}

// FeedbackByClientToken implements inquiry.Store: the feedback as it was
// put with that token, even when a later one replaced it.
func (s *Store) FeedbackByClientToken(ctx context.Context, account aws.AccountID, token string) (inquiry.Feedback, error) {
	if err := ctx.Err(); err != nil {
		return inquiry.Feedback{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.feedbackToken[tokenKey{account, token}]
	if !ok {
		return inquiry.Feedback{}, errf(inquiry.ErrNotFound, "no feedback with that client token")
	}
	return f.Clone(), nil
}

// Feedback implements inquiry.Store.
func (s *Store) Feedback(ctx context.Context, account aws.AccountID, id inquiry.ID) ([]inquiry.Feedback, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.lookup(account, id); err != nil {
		return nil, err
	}
	var out []inquiry.Feedback
	for _, f := range s.feedback[id] {
		out = append(out, f.Clone())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].QueryIdentifier != out[j].QueryIdentifier {
			return out[i].QueryIdentifier < out[j].QueryIdentifier
		}
		return out[i].Principal < out[j].Principal
	})
	return out, nil
}
