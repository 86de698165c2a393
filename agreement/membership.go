package agreement

import (
	"context"

	"github.com/artifactkit/artifactkit/org"
)

// Join makes account a member of organization id (org.Directory.Join) and
// returns the change with its coverage events: the account is covered by
// the organization's agreements from that instant (A3). Errors are the
// Directory's.
func (r *Registry) Join(ctx context.Context, account org.AccountID, id org.ID) (org.Change, []Event, error) {
	return r.one(ctx, func() (org.Change, error) { return r.dir.Join(ctx, account, id) })
}

// CreateAccount records that organization id's management account created
// account inside it (org.Directory.CreateAccount), with its coverage events.
func (r *Registry) CreateAccount(ctx context.Context, id org.ID, account org.AccountID) (org.Change, []Event, error) {
	return r.one(ctx, func() (org.Change, error) { return r.dir.CreateAccount(ctx, id, account) })
}

// Leave takes account out of its organization (org.Directory.Leave) and
// returns the change with its coverage events: the organization's
// agreements stop applying to it at that instant; its account agreements
// stay (A10).
func (r *Registry) Leave(ctx context.Context, account org.AccountID) (org.Change, []Event, error) {
	return r.one(ctx, func() (org.Change, error) { return r.dir.Leave(ctx, account) })
}

// Remove records that the management account removed account from its
// organization (org.Directory.Remove), with the coverage events of Leave.
func (r *Registry) Remove(ctx context.Context, account org.AccountID) (org.Change, []Event, error) {
	return r.one(ctx, func() (org.Change, error) { return r.dir.Remove(ctx, account) })
}

// Move takes account from its organization into organization to at one
// instant (org.Directory.Move) and returns the changes with their coverage
// events: it is covered by the agreements of the organization it is in
// (A11).
func (r *Registry) Move(ctx context.Context, account org.AccountID, to org.ID) ([]org.Change, []Event, error) {
	cs, err := r.dir.Move(ctx, account, to)
	if err != nil {
		return nil, nil, err
	}
	ev, err := r.MembershipEvents(ctx, cs...)
	return cs, ev, err
}

func (r *Registry) one(ctx context.Context, change func() (org.Change, error)) (org.Change, []Event, error) {
	c, err := change()
	if err != nil {
		return org.Change{}, nil, err
	}
	ev, err := r.MembershipEvents(ctx, c)
	return c, ev, err
}
