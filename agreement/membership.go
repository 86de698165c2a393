package agreement

import (
	"context"

	"github.com/artifactkit/artifactkit/org"
)

// Membership changes derive their coverage events before the change is
// stored (org.BeforeAppend), from the state the change is made on, and
// run their BeforeStore options with them: once it is stored, nothing is
// left to fail, so a change that was made is always returned with its
// events, and one that fails was not made.

// Join makes account a member of organization id (org.Directory.Join) and
// returns the change with its coverage events: the account is covered by
// the organization's agreements from that instant (A3). Errors are the
// Directory's, or a failure to read what the events need, in which case
// the account did not join.
func (r *Registry) Join(ctx context.Context, account org.AccountID, id org.ID, opts ...ChangeOption) (org.Change, []Event, error) {
	var ev events
	c, err := r.dir.Join(ctx, account, id, ev.derive(r, opts))
	return ev.result(c, err)
}

// CreateAccount records that organization id's management account created
// account inside it (org.Directory.CreateAccount), with its coverage events.
func (r *Registry) CreateAccount(ctx context.Context, id org.ID, account org.AccountID, opts ...ChangeOption) (org.Change, []Event, error) {
	var ev events
	c, err := r.dir.CreateAccount(ctx, id, account, ev.derive(r, opts))
	return ev.result(c, err)
}

// Leave takes account out of its organization (org.Directory.Leave) and
// returns the change with its coverage events: the organization's
// agreements stop applying to it at that instant; its account agreements
// stay (A10).
func (r *Registry) Leave(ctx context.Context, account org.AccountID, opts ...ChangeOption) (org.Change, []Event, error) {
	var ev events
	c, err := r.dir.Leave(ctx, account, ev.derive(r, opts))
	return ev.result(c, err)
}

// Remove records that the management account removed account from its
// organization (org.Directory.Remove), with the coverage events of Leave.
func (r *Registry) Remove(ctx context.Context, account org.AccountID, opts ...ChangeOption) (org.Change, []Event, error) {
	var ev events
	c, err := r.dir.Remove(ctx, account, ev.derive(r, opts))
	return ev.result(c, err)
}

// Move takes account from its organization into organization to at one
// instant (org.Directory.Move) and returns the changes with their coverage
// events: it is covered by the agreements of the organization it is in
// (A11).
func (r *Registry) Move(ctx context.Context, account org.AccountID, to org.ID, opts ...ChangeOption) ([]org.Change, []Event, error) {
	var ev events
	cs, err := r.dir.Move(ctx, account, to, ev.derive(r, opts))
	if err != nil {
		return nil, nil, err
	}
	return cs, ev.list, nil
}

// events are the coverage events of a membership change, derived before
// it is appended.
type events struct{ list []Event }

// result returns the change with its events, or the error alone.
func (ev *events) result(c org.Change, err error) (org.Change, []Event, error) {
	if err != nil {
		return org.Change{}, nil, err
	}
	return c, ev.list, nil
}

// derive returns the Directory option that derives the events of the
// changes about to be appended and runs the change's BeforeStore options
// with them; the last attempt's are kept.
func (ev *events) derive(r *Registry, opts []ChangeOption) org.ChangeOption {
	return org.BeforeAppend(func(ctx context.Context, cs []org.Change) error {
		list, err := r.MembershipEvents(ctx, cs...)
		ev.list = list
		if err != nil {
			return err
		}
		return beforeStore(ctx, opts, list)
	})
}
