package agreement_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// A change that is stored is returned with its events, whatever fails
// afterwards, and a change that fails is not stored (issue 13, item 12):
// for each change, every store call it makes fails in turn (that call
// alone, and every call from it on), and either the change fails and
// nothing changed, or it succeeds with the events of a run without
// failures.
func TestCommittedChangesKeepTheirEvents(t *testing.T) {
	type change func(t *testing.T, f *faultyFixture) func() ([]agreement.Event, error)
	accept := func(account org.AccountID, scope agreement.Scope) change {
		return func(t *testing.T, f *faultyFixture) func() ([]agreement.Event, error) {
			in := input(account, f.view(t, account, baa), scope)
			return func() ([]agreement.Event, error) {
				_, ev, err := f.reg.Accept(ctx, in)
				return ev, err
			}
		}
	}
	terminate := func(account org.AccountID, scope agreement.Scope) change {
		return func(t *testing.T, f *faultyFixture) func() ([]agreement.Event, error) {
			c := f.mustAccept(t, account, baa, scope)
			v, err := f.reg.GetCustomerAgreement(ctx, account, c.ID)
			require.NoError(t, err)
			return func() ([]agreement.Event, error) {
				_, ev, err := f.reg.Terminate(ctx, account, c.ID, v.TerminateToken)
				return ev, err
			}
		}
	}
	membership := func(do func(f *faultyFixture) ([]agreement.Event, error)) change {
		return func(t *testing.T, f *faultyFixture) func() ([]agreement.Event, error) {
			f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
			return func() ([]agreement.Event, error) { return do(f) }
		}
	}
	changes := map[string]change{
		"accept account":         accept(alice, agreement.ScopeAccount),
		"accept organization":    accept(mgmt, agreement.ScopeOrganization),
		"terminate account":      terminate(alice, agreement.ScopeAccount),
		"terminate organization": terminate(mgmt, agreement.ScopeOrganization),
		"join": membership(func(f *faultyFixture) ([]agreement.Event, error) {
			_, ev, err := f.reg.Join(ctx, bob, oid)
			return ev, err
		}),
		"create account": membership(func(f *faultyFixture) ([]agreement.Event, error) {
			_, ev, err := f.reg.CreateAccount(ctx, oid, bob)
			return ev, err
		}),
		"leave": membership(func(f *faultyFixture) ([]agreement.Event, error) {
			_, ev, err := f.reg.Leave(ctx, alice)
			return ev, err
		}),
		"remove": membership(func(f *faultyFixture) ([]agreement.Event, error) {
			_, ev, err := f.reg.Remove(ctx, alice)
			return ev, err
		}),
		"move": membership(func(f *faultyFixture) ([]agreement.Event, error) {
			_, ev, err := f.reg.Move(ctx, alice, oid2)
			return ev, err
		}),
		"designate offline": func(t *testing.T, f *faultyFixture) func() ([]agreement.Event, error) {
			return func() ([]agreement.Event, error) {
				_, ev, err := f.reg.AWSDesignateOffline(ctx, bob)
				return ev, err
			}
		},
		"remove designation": func(t *testing.T, f *faultyFixture) func() ([]agreement.Event, error) {
			_, _, err := f.reg.AWSDesignateOffline(ctx, bob)
			require.NoError(t, err)
			return func() ([]agreement.Event, error) {
				_, ev, err := f.reg.RemoveOfflineDesignation(ctx, bob)
				return ev, err
			}
		},
	}
	for name, prepare := range changes {
		t.Run(name, func(t *testing.T) {
			f := newFaultyFixture(t)
			run := prepare(t, f)
			want, err := run()
			require.NoError(t, err)
			require.NotEmpty(t, want)
			calls := f.faults.disarm()
			for at := 1; at <= calls; at++ {
				for _, once := range []bool{true, false} {
					f := newFaultyFixture(t)
					run := prepare(t, f)
					before := f.fingerprint(t)
					f.faults.arm(at, once)
					got, err := run()
					f.faults.disarm()
					where := fmt.Sprintf("call %d fails (once: %v)", at, once)
					if err != nil {
						require.ErrorIs(t, err, errBoom, where)
						require.Nil(t, got, where)
						require.Equal(t, before, f.fingerprint(t), "%s: a failed change changed something", where)
						continue
					}
					require.Empty(t, cmp.Diff(brief(want), brief(got)), "%s: the events of the change made", where)
				}
			}
		})
	}
}

var errBoom = errors.New("boom: connection reset by peer")

// faults fails store calls from the at-th on (or that one only).
type faults struct {
	mu    sync.Mutex
	calls int
	at    int
	once  bool
}

func (f *faults) hit() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.at == 0 || f.calls < f.at || (f.once && f.calls > f.at) {
		return nil
	}
	return errBoom
}

func (f *faults) arm(at int, once bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls, f.at, f.once = 0, at, once
}

func (f *faults) disarm() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.calls
	f.calls, f.at = 0, 0
	return n
}

// faultyFixture is a fixture whose stores fail as its faults say, with
// an organization (mgmt, alice), a second one (mgmt2) and bob outside.
type faultyFixture struct {
	*fixture
	faults *faults
}

func newFaultyFixture(t *testing.T) *faultyFixture {
	t.Helper()
	fs := &faults{}
	c := &clock{now: t0.Add(-24 * time.Hour)}
	dir := org.NewDirectory(&faultyOrgStore{orgmem.New(), fs}, org.WithClock(c.Now))
	reg := agreement.New(&faultyStore{agmem.New(), fs}, dir, agreement.WithRand(rand.NewChaCha8([32]byte{1})))
	for _, e := range catalog {
		_, err := reg.Define(ctx, e.spec)
		require.NoError(t, err)
	}
	c.Set(t0)
	f := &faultyFixture{fixture: &fixture{clock: c, dir: dir, reg: reg}, faults: fs}
	f.org(t, oid, mgmt, alice)
	f.org(t, oid2, mgmt2)
	f.faults.disarm()
	return f
}

// fingerprint is what the fixture's accounts can observe now.
func (f *faultyFixture) fingerprint(t *testing.T) string {
	var b strings.Builder
	for _, a := range []org.AccountID{mgmt, alice, bob, mgmt2} {
		m, err := f.dir.OrganizationOf(ctx, a, f.clock.Now())
		require.NoError(t, err)
		fmt.Fprintf(&b, "%s in %q:", a, m.Org)
		for _, scope := range []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization} {
			c, err := f.reg.Lookup(ctx, a, baa, scope)
			if errors.Is(err, agreement.ErrCustomerAgreementNotFound) {
				b.WriteString(" none")
				continue
			}
			require.NoError(t, err)
			fmt.Fprintf(&b, " %s %s", c.ID, c.State)
		}
		fmt.Fprintf(&b, " %s hipaa %v\n", f.basis(t, a, baa, f.clock.Now()), f.hipaa(t, a, f.clock.Now()))
	}
	return b.String()
}

type faultyOrgStore struct {
	s org.Store
	f *faults
}

func (s *faultyOrgStore) CreateOrganization(ctx context.Context, o org.Organization, c org.Change) (org.Organization, error) {
	if err := s.f.hit(); err != nil {
		return org.Organization{}, err
	}
	return s.s.CreateOrganization(ctx, o, c)
}

func (s *faultyOrgStore) Organization(ctx context.Context, id org.ID) (org.Organization, error) {
	if err := s.f.hit(); err != nil {
		return org.Organization{}, err
	}
	return s.s.Organization(ctx, id)
}

func (s *faultyOrgStore) UpdateOrganization(ctx context.Context, o org.Organization) (org.Organization, error) {
	if err := s.f.hit(); err != nil {
		return org.Organization{}, err
	}
	return s.s.UpdateOrganization(ctx, o)
}

func (s *faultyOrgStore) AppendChanges(ctx context.Context, cs ...org.Change) error {
	if err := s.f.hit(); err != nil {
		return err
	}
	return s.s.AppendChanges(ctx, cs...)
}

func (s *faultyOrgStore) LastChange(ctx context.Context, a org.AccountID) (org.Change, error) {
	if err := s.f.hit(); err != nil {
		return org.Change{}, err
	}
	return s.s.LastChange(ctx, a)
}

func (s *faultyOrgStore) ChangeAt(ctx context.Context, a org.AccountID, t time.Time) (org.Change, error) {
	if err := s.f.hit(); err != nil {
		return org.Change{}, err
	}
	return s.s.ChangeAt(ctx, a, t)
}

func (s *faultyOrgStore) History(ctx context.Context, a org.AccountID) ([]org.Change, error) {
	if err := s.f.hit(); err != nil {
		return nil, err
	}
	return s.s.History(ctx, a)
}

func (s *faultyOrgStore) OrganizationChanges(ctx context.Context, id org.ID) ([]org.Change, error) {
	if err := s.f.hit(); err != nil {
		return nil, err
	}
	return s.s.OrganizationChanges(ctx, id)
}

// faultyStore is an agreement.Store that fails as its faults say.
type faultyStore struct {
	s agreement.Store
	f *faults
}

func (s *faultyStore) InsertAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Agreement{}, err
	}
	return s.s.InsertAgreement(ctx, a)
}

func (s *faultyStore) UpdateAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Agreement{}, err
	}
	return s.s.UpdateAgreement(ctx, a)
}

func (s *faultyStore) Agreement(ctx context.Context, id agreement.ID) (agreement.Agreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Agreement{}, err
	}
	return s.s.Agreement(ctx, id)
}

func (s *faultyStore) Agreements(ctx context.Context, after agreement.ID, limit int) ([]agreement.Agreement, error) {
	if err := s.f.hit(); err != nil {
		return nil, err
	}
	return s.s.Agreements(ctx, after, limit)
}

func (s *faultyStore) AgreementsOfKind(ctx context.Context, k agreement.Kind) ([]agreement.Agreement, error) {
	if err := s.f.hit(); err != nil {
		return nil, err
	}
	return s.s.AgreementsOfKind(ctx, k)
}

func (s *faultyStore) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.InsertCustomerAgreement(ctx, c)
}

func (s *faultyStore) UpdateCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.UpdateCustomerAgreement(ctx, c)
}

func (s *faultyStore) CustomerAgreement(ctx context.Context, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.CustomerAgreement(ctx, id)
}

func (s *faultyStore) LatestCustomerAgreement(ctx context.Context, k agreement.Key) (agreement.CustomerAgreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.LatestCustomerAgreement(ctx, k)
}

func (s *faultyStore) CustomerAgreementAt(ctx context.Context, k agreement.Key, t time.Time) (agreement.CustomerAgreement, error) {
	if err := s.f.hit(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.CustomerAgreementAt(ctx, k, t)
}

func (s *faultyStore) ActiveCustomerAgreements(ctx context.Context, af agreement.ActiveFilter, after string, limit int) ([]agreement.CustomerAgreement, error) {
	if err := s.f.hit(); err != nil {
		return nil, err
	}
	return s.s.ActiveCustomerAgreements(ctx, af, after, limit)
}

func (s *faultyStore) PutNDA(ctx context.Context, n agreement.NDAAcceptance) (agreement.NDAAcceptance, error) {
	if err := s.f.hit(); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	return s.s.PutNDA(ctx, n)
}

func (s *faultyStore) NDA(ctx context.Context, a org.AccountID, id agreement.ID, rev agreement.RevisionID) (agreement.NDAAcceptance, error) {
	if err := s.f.hit(); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	return s.s.NDA(ctx, a, id, rev)
}

func (s *faultyStore) PutOutsideNDA(ctx context.Context, n agreement.OutsideNDA) error {
	if err := s.f.hit(); err != nil {
		return err
	}
	return s.s.PutOutsideNDA(ctx, n)
}

func (s *faultyStore) OutsideNDAs(ctx context.Context, a org.AccountID) ([]agreement.OutsideNDA, error) {
	if err := s.f.hit(); err != nil {
		return nil, err
	}
	return s.s.OutsideNDAs(ctx, a)
}

func (s *faultyStore) InsertToken(ctx context.Context, tok agreement.Token) error {
	if err := s.f.hit(); err != nil {
		return err
	}
	return s.s.InsertToken(ctx, tok)
}

func (s *faultyStore) Token(ctx context.Context, v string) (agreement.Token, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Token{}, err
	}
	return s.s.Token(ctx, v)
}

func (s *faultyStore) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	if err := s.f.hit(); err != nil {
		return 0, err
	}
	return s.s.DeleteExpiredTokens(ctx, now)
}

func (s *faultyStore) InsertDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.InsertDesignation(ctx, d)
}

func (s *faultyStore) UpdateDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.UpdateDesignation(ctx, d)
}

func (s *faultyStore) LatestDesignation(ctx context.Context, a org.AccountID) (agreement.Designation, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.LatestDesignation(ctx, a)
}

func (s *faultyStore) DesignationAt(ctx context.Context, a org.AccountID, t time.Time) (agreement.Designation, error) {
	if err := s.f.hit(); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.DesignationAt(ctx, a, t)
}
