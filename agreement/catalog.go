package agreement

import (
	"context"
	"errors"
)

// Define adds an agreement to the catalog with its first revision, as AWS
// publishes one. It fails with ErrInvalidInput for an invalid spec and
// ErrExists when the id is taken.
func (r *Registry) Define(ctx context.Context, s Spec) (Agreement, error) {
	fail := func(err error) (Agreement, error) {
		return Agreement{}, &Error{Op: "define", Agreement: s.ID, Err: err}
	}
	if err := s.validate(); err != nil {
		return fail(err)
	}
	id := s.ID
	if id == "" {
		s, err := r.newID("agreement-", 16)
		if err != nil {
			return fail(err)
		}
		id = ID(s)
	}
	rev, err := r.revisionID(s.Revision.ID)
	if err != nil {
		return fail(err)
	}
	now := r.Now()
	a := Agreement{
		ID:          id,
		ARN:         id.ARN(r.partition),
		Name:        s.Name,
		Description: s.Description,
		Kind:        s.Kind,
		Type:        s.Type,
		Subjects:    append([]Scope(nil), s.Subjects...),
		Revisions:   []Revision{s.Revision.revision(rev, now)},
		Created:     now,
	}
	a, err = r.store.InsertAgreement(ctx, a)
	if err != nil {
		return fail(err)
	}
	return a, nil
}

func (r *Registry) revisionID(id RevisionID) (RevisionID, error) {
	if id != "" {
		return id, nil
	}
	return r.randomUUID()
}

// PublishRevision publishes a new revision of agreement id, which becomes
// its current revision. Customer agreements of earlier revisions stay as
// they are; tokens and NDA acceptances of earlier revisions no longer open
// the agreement (T1). It fails with ErrInvalidInput for an invalid spec or
// a revision id the agreement already has.
func (r *Registry) PublishRevision(ctx context.Context, id ID, s RevisionSpec) (Agreement, error) {
	fail := func(err error) (Agreement, error) {
		return Agreement{}, &Error{Op: "publish revision", Agreement: id, Err: err}
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	if err := s.validate(); err != nil {
		return fail(err)
	}
	rev, err := r.revisionID(s.ID)
	if err != nil {
		return fail(err)
	}
	for range maxAttempts {
		a, err := r.agreement(ctx, id)
		if err != nil {
			return fail(err)
		}
		if _, dup := a.Revision(rev); dup {
			return fail(&ParseError{What: "revision id", Input: string(rev), Reason: "the agreement already has it"})
		}
		at := atLeast(r.Now(), a.Current().Published)
		a.Revisions = append(a.Revisions, s.revision(rev, at))
		a, err = r.store.UpdateAgreement(ctx, a)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return a, nil
	}
	return fail(ErrConflict)
}

// Agreement returns the agreement with that id, or ErrAgreementNotFound.
func (r *Registry) Agreement(ctx context.Context, id ID) (Agreement, error) {
	if err := validID(id); err != nil {
		return Agreement{}, &Error{Op: "get agreement", Agreement: id, Err: err}
	}
	a, err := r.agreement(ctx, id)
	if err != nil {
		return Agreement{}, &Error{Op: "get agreement", Agreement: id, Err: err}
	}
	return a, nil
}

func (r *Registry) agreement(ctx context.Context, id ID) (Agreement, error) {
	a, err := r.store.Agreement(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Agreement{}, ErrAgreementNotFound
	}
	return a, err
}

// List returns a page of the catalog (AWS's ListAgreements), sorted by id,
// and the key to resume after, empty when the listing is done. Agreements
// added meanwhile never make a resumed listing skip or repeat one.
func (r *Registry) List(ctx context.Context, p Page) ([]Agreement, string, error) {
	limit := p.Limit
	if limit > 0 {
		limit++
	}
	as, err := r.store.Agreements(ctx, ID(p.After), limit)
	if err != nil {
		return nil, "", &Error{Op: "list agreements", Err: err}
	}
	if p.Limit > 0 && len(as) > p.Limit {
		as = as[:p.Limit]
		return as, string(as[len(as)-1].ID), nil
	}
	return as, "", nil
}
