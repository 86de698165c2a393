package agreement_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// A healthcare start-up's management account accepts the BAA for its
// organization; a member is a HIPAA Account while it is in the
// organization, and history says so after it leaves.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	dir := org.NewDirectory(orgmem.New(), org.WithClock(clock))
	reg := agreement.New(agmem.New(), dir)

	baa, _ := reg.Define(ctx, agreement.Spec{
		ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum",
		Kind: agreement.KindBAA, Type: agreement.TypeDefault,
		Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization},
	})

	dir.Create(ctx, "o-exampleorg", "111111111111", org.AllFeatures)
	dir.EnableTrustedAccess(ctx, "o-exampleorg", org.ArtifactServicePrincipal)
	reg.Join(ctx, "222222222222", "o-exampleorg")

	// The token chain: NDA, accept the NDA, read, accept.
	now = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	nda, _ := reg.GetNda(ctx, "111111111111", baa.ID)
	getToken, _ := reg.AcceptNda(ctx, "111111111111", baa.ID, nda.Revision, nda.Token)
	view, _ := reg.Get(ctx, "111111111111", baa.ID, getToken)
	_, events, err := reg.Accept(ctx, agreement.AcceptInput{
		Account: "111111111111", Agreement: baa.ID, Revision: view.Revision,
		AcceptanceTermsToken: view.AcceptanceTermsToken, ExecuteToken: view.ExecuteToken,
		Scope: agreement.ScopeOrganization,
	})
	fmt.Println("accepted:", err == nil)
	// The organization's coverage event stands for its members: Expand
	// yields one event per member that gained coverage.
	for _, e := range events {
		for m, err := range reg.Expand(ctx, e, "") {
			if err == nil {
				fmt.Println(m.Kind, m.Account)
			}
		}
	}

	now = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	_, events, _ = reg.Leave(ctx, "222222222222")
	fmt.Println(events[0].Kind, events[0].Account)

	for _, at := range []time.Time{
		time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
	} {
		s, _ := reg.IsHIPAA(ctx, "222222222222", at)
		fmt.Printf("%s: HIPAA %v (%s)\n", at.Format(time.DateOnly), s.HIPAA, s.Coverage.Basis)
	}
	s, _ := reg.IsHIPAA(ctx, "222222222222", now)
	fmt.Println(s.Reason)
	// Output:
	// accepted: true
	// AGREEMENT_ACCEPTED 111111111111
	// COVERAGE_GAINED 111111111111
	// COVERAGE_GAINED 222222222222
	// COVERAGE_LOST 222222222222
	// 2026-03-01: HIPAA true (ORGANIZATION)
	// 2026-07-01: HIPAA false (NONE)
	// not a HIPAA Account: left o-exampleorg on 2026-06-01T09:00:00Z
}

// An account agreement and an organization agreement of the same
// agreement: the organization's governs (A8), and when it ends the
// account's applies again (A9).
func ExampleRegistry_Coverage() {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dir := org.NewDirectory(orgmem.New(), org.WithClock(func() time.Time { return now }))
	// A seeded source makes the ids in the reasons reproducible.
	reg := agreement.New(agmem.New(), dir, agreement.WithRand(rand.NewChaCha8([32]byte{})))
	andb, _ := reg.Define(ctx, agreement.Spec{
		ID: "agreement-andb000000000001", Name: "AWS Australian Notifiable Data Breach Addendum",
		Kind: agreement.KindAddendum, Type: agreement.TypeDefault,
		Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization},
	})
	dir.Create(ctx, "o-exampleorg", "111111111111", org.AllFeatures)
	dir.EnableTrustedAccess(ctx, "o-exampleorg", org.ArtifactServicePrincipal)
	reg.Join(ctx, "222222222222", "o-exampleorg")

	accept := func(account org.AccountID, scope agreement.Scope) agreement.CustomerAgreement {
		nda, _ := reg.GetNda(ctx, account, andb.ID)
		tok, _ := reg.AcceptNda(ctx, account, andb.ID, nda.Revision, nda.Token)
		v, _ := reg.Get(ctx, account, andb.ID, tok)
		c, _, _ := reg.Accept(ctx, agreement.AcceptInput{Account: account, Agreement: andb.ID, Revision: v.Revision,
			AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteToken: v.ExecuteToken, Scope: scope})
		return c
	}
	now = time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	accept("222222222222", agreement.ScopeAccount)
	now = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	o := accept("111111111111", agreement.ScopeOrganization)
	now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	v, _ := reg.GetCustomerAgreement(ctx, "111111111111", o.ID)
	reg.Terminate(ctx, "111111111111", o.ID, v.TerminateToken)

	for _, day := range []int{15, 45, 75} {
		at := time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC)
		c, _ := reg.Coverage(ctx, "222222222222", andb.ID, at)
		fmt.Printf("%s %s: %s\n", at.Format(time.DateOnly), c.Basis, c.Reason)
	}
	// Output:
	// 2026-01-15 ACCOUNT: account agreement customer-agreement-z6lFQcNopHvAWzK8 accepted by 222222222222 on 2026-01-10T00:00:00Z
	// 2026-02-14 ORGANIZATION: organization agreement customer-agreement-TbuxaG0sKlvGFC0K accepted by management account 111111111111 for o-exampleorg on 2026-02-01T00:00:00Z; 222222222222 in o-exampleorg since 2026-01-01T00:00:00Z; it applies instead of account agreement customer-agreement-z6lFQcNopHvAWzK8
	// 2026-03-16 ACCOUNT: account agreement customer-agreement-z6lFQcNopHvAWzK8 accepted by 222222222222 on 2026-01-10T00:00:00Z
}

// Artifact can only remove an offline-BAA designation; AWS makes them.
func ExampleRegistry_AWSDesignateOffline() {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dir := org.NewDirectory(orgmem.New(), org.WithClock(func() time.Time { return now }))
	reg := agreement.New(agmem.New(), dir)
	reg.Define(ctx, agreement.Spec{
		ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum",
		Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount},
	})

	fmt.Println(reg.DesignateOffline(ctx, "222222222222"))
	reg.AWSDesignateOffline(ctx, "222222222222")
	s, _ := reg.IsHIPAA(ctx, "222222222222", now)
	fmt.Println(s.Reason)
	fmt.Println(reg.DownloadOfflineBAA(ctx, "222222222222"))
	now = now.AddDate(0, 2, 0)
	_, events, _ := reg.RemoveOfflineDesignation(ctx, "222222222222")
	fmt.Println(events[0].Kind, events[0].Basis)
	// Output:
	// agreement: designate offline for account 222222222222: an offline BAA cannot be designated, terminated or downloaded in AWS Artifact
	// a HIPAA Account: designated a HIPAA Account under the customer's offline BAA on 2026-01-01T00:00:00Z
	// agreement: download offline BAA for account 222222222222: an offline BAA cannot be designated, terminated or downloaded in AWS Artifact
	// COVERAGE_LOST OFFLINE
}
