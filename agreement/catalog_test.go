package agreement_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
)

func TestDefine(t *testing.T) {
	f := newFixture(t)
	doc, nda := []byte("the agreement"), []byte("the NDA")
	a, err := f.reg.Define(ctx, agreement.Spec{
		Name:        "AWS Japan Addendum",
		Description: "An addendum",
		Kind:        agreement.KindAddendum,
		Type:        agreement.TypeModified,
		Subjects:    []agreement.Scope{agreement.ScopeAccount},
		Revision: agreement.RevisionSpec{
			Document: doc, NDA: nda,
			AcceptanceTerms: []string{"I accept"}, TerminateTerms: []string{"I terminate"},
		},
	})
	require.NoError(t, err)
	require.Regexp(t, agreementIDRE, string(a.ID))
	require.Equal(t, a.ID.ARN("aws"), a.ARN)
	require.Len(t, a.Revisions, 1)
	rev := a.Current()
	require.Regexp(t, revisionRE, string(rev.ID))
	require.Equal(t, byte('4'), rev.ID[14], "a version 4 UUID")
	docSum, ndaSum := sha256.Sum256(doc), sha256.Sum256(nda)
	require.Equal(t, hex.EncodeToString(docSum[:]), rev.DocumentSHA256.String())
	require.Equal(t, hex.EncodeToString(ndaSum[:]), rev.NDASHA256.String())
	require.Equal(t, t0, rev.Published)
	require.Equal(t, uint64(1), a.Seq)
	require.True(t, a.Offers(agreement.ScopeAccount))
	require.False(t, a.Offers(agreement.ScopeOrganization))
	_, ok := a.Revision(rev.ID)
	require.True(t, ok)
	_, ok = a.Revision("00000000-0000-4000-8000-000000000000")
	require.False(t, ok)
	require.Equal(t, agreement.Revision{}, agreement.Agreement{}.Current())

	got, err := f.reg.Agreement(ctx, a.ID)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(a, got))

	_, err = f.reg.Define(ctx, catalog[0].spec)
	require.ErrorIs(t, err, agreement.ErrExists)
}

func TestDefineValidates(t *testing.T) {
	f := newFixture(t)
	valid := func() agreement.Spec {
		return agreement.Spec{Name: "x", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}}
	}
	eleven := strings.Split("a b c d e f g h i j k", " ")
	tests := []struct {
		name   string
		change func(*agreement.Spec)
	}{
		{"bad id", func(s *agreement.Spec) { s.ID = "agreement-x" }},
		{"no name", func(s *agreement.Spec) { s.Name = "" }},
		{"long name", func(s *agreement.Spec) { s.Name = strings.Repeat("n", agreement.MaxNameLen+1) }},
		{"markup in name", func(s *agreement.Spec) { s.Name = "<b>x</b>" }},
		{"long description", func(s *agreement.Spec) { s.Description = strings.Repeat("d", agreement.MaxTermLen+1) }},
		{"bad kind", func(s *agreement.Spec) { s.Kind = "NDA" }},
		{"bad type", func(s *agreement.Spec) { s.Type = "" }},
		{"no subjects", func(s *agreement.Spec) { s.Subjects = nil }},
		{"bad subject", func(s *agreement.Spec) { s.Subjects = []agreement.Scope{"OU"} }},
		{"repeated subject", func(s *agreement.Spec) {
			s.Subjects = []agreement.Scope{agreement.ScopeAccount, agreement.ScopeAccount}
		}},
		{"bad revision id", func(s *agreement.Spec) { s.Revision.ID = "1" }},
		{"eleven acceptance terms", func(s *agreement.Spec) { s.Revision.AcceptanceTerms = eleven }},
		{"eleven terminate terms", func(s *agreement.Spec) { s.Revision.TerminateTerms = eleven }},
		{"empty term", func(s *agreement.Spec) { s.Revision.AcceptanceTerms = []string{""} }},
		{"long term", func(s *agreement.Spec) {
			s.Revision.TerminateTerms = []string{strings.Repeat("t", agreement.MaxTermLen+1)}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := valid()
			tt.change(&s)
			_, err := f.reg.Define(ctx, s)
			require.ErrorIs(t, err, agreement.ErrInvalidInput)
			var e *agreement.Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, "define", e.Op)
		})
	}
	all, _, err := f.reg.List(ctx, agreement.Page{})
	require.NoError(t, err)
	require.Len(t, all, len(catalog), "failed definitions add nothing")

	s := valid()
	s.Revision.AcceptanceTerms = eleven[:agreement.MaxTerms]
	_, err = f.reg.Define(ctx, s)
	require.NoError(t, err, "ten terms are allowed")

	// A name takes AWS's LongStringAttribute, 2048 characters, and no
	// shorter limit of the library's own (issue 13, item 6).
	for _, name := range []string{strings.Repeat("n", 2048), strings.Repeat("é", 2048)} {
		s := valid()
		s.Name = name
		_, err = f.reg.Define(ctx, s)
		require.NoError(t, err, "a name of 2048 characters")
	}
	s = valid()
	s.Name = strings.Repeat("é", 2049)
	_, err = f.reg.Define(ctx, s)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	s = valid()
	s.Name = "\xff"
	_, err = f.reg.Define(ctx, s)
	require.ErrorIs(t, err, agreement.ErrInvalidInput, "not UTF-8")
}

func TestPublishRevision(t *testing.T) {
	f := newFixture(t)
	before, err := f.reg.Agreement(ctx, baa)
	require.NoError(t, err)
	f.clock.Set(t0.Add(time.Hour))
	a, err := f.reg.PublishRevision(ctx, baa, agreement.RevisionSpec{
		Document: []byte("v2"), AcceptanceTerms: []string{"new terms"},
	})
	require.NoError(t, err)
	require.Len(t, a.Revisions, 2)
	require.Equal(t, before.Current(), a.Revisions[0], "earlier revisions stay")
	require.Equal(t, []string{"new terms"}, a.Current().AcceptanceTerms)
	require.Equal(t, t0.Add(time.Hour), a.Current().Published)
	require.NotEqual(t, before.Current().ID, a.Current().ID)

	fixed := agreement.RevisionID("00000000-0000-4000-8000-00000000000a")
	_, err = f.reg.PublishRevision(ctx, baa, agreement.RevisionSpec{ID: fixed})
	require.NoError(t, err)
	_, err = f.reg.PublishRevision(ctx, baa, agreement.RevisionSpec{ID: fixed})
	require.ErrorIs(t, err, agreement.ErrInvalidInput, "a revision id is used once")

	_, err = f.reg.PublishRevision(ctx, "agreement-unknown000000001", agreement.RevisionSpec{})
	require.ErrorIs(t, err, agreement.ErrAgreementNotFound)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = f.reg.PublishRevision(ctx, "x", agreement.RevisionSpec{})
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, err = f.reg.PublishRevision(ctx, baa, agreement.RevisionSpec{TerminateTerms: []string{"<x>"}})
	require.ErrorIs(t, err, agreement.ErrInvalidInput)

	// A clock that steps back does not date a revision before the last.
	f.clock.Set(t0)
	a, err = f.reg.PublishRevision(ctx, baa, agreement.RevisionSpec{})
	require.NoError(t, err)
	require.Equal(t, t0.Add(time.Hour), a.Current().Published)
}

// List pages through the catalog by id; an agreement added between pages
// is neither skipped nor repeated by the rest of the listing.
func TestList(t *testing.T) {
	f := newFixture(t)
	all, next, err := f.reg.List(ctx, agreement.Page{})
	require.NoError(t, err)
	require.Empty(t, next)
	require.Equal(t, []agreement.ID{acctOnly, andb, baa, nzndb}, idsOf(all))

	page, next, err := f.reg.List(ctx, agreement.Page{Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []agreement.ID{acctOnly, andb}, idsOf(page))
	require.Equal(t, string(andb), next)

	_, err = f.reg.Define(ctx, agreement.Spec{ID: "agreement-aaaaaaaaaaaaaaaa", Name: "early", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}})
	require.NoError(t, err)
	_, err = f.reg.Define(ctx, agreement.Spec{ID: "agreement-zzzzzzzzzzzzzzzz", Name: "late", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}})
	require.NoError(t, err)

	page, next, err = f.reg.List(ctx, agreement.Page{After: next, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []agreement.ID{baa, nzndb}, idsOf(page))
	page, next, err = f.reg.List(ctx, agreement.Page{After: next, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []agreement.ID{"agreement-zzzzzzzzzzzzzzzz"}, idsOf(page))
	require.Empty(t, next)
}

func idsOf(as []agreement.Agreement) []agreement.ID {
	var out []agreement.ID
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestAgreementLookupErrors(t *testing.T) {
	f := newFixture(t)
	_, err := f.reg.Agreement(ctx, "agreement-unknown000000001")
	require.ErrorIs(t, err, agreement.ErrAgreementNotFound)
	require.EqualError(t, err, "agreement: get agreement agreement-unknown000000001: agreement not found")
	_, err = f.reg.Agreement(ctx, "bad")
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	require.False(t, errors.Is(err, agreement.ErrNotFound))
}
