package org_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/org"
)

func TestParseAccountID(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"111122223333", true},
		{"000000000000", true},
		{"11112222333", false},
		{"1111222233334", false},
		{"11112222333a", false},
		{"", false},
		{" 11112222333", false},
		{"١١١١٢٢٢٢٣٣٣٣", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := org.ParseAccountID(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, org.ErrInvalidInput)
				var pe *org.ParseError
				require.ErrorAs(t, err, &pe)
				require.Equal(t, "account id", pe.What)
				require.False(t, org.AccountID(tt.in).IsValid())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.in, a.String())
			require.True(t, a.IsValid())
		})
	}
}

func TestParseID(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"o-exampleorg", true},
		{"o-a1b2c3d4e5", true},
		{"o-" + strings.Repeat("a", 32), true},
		{"o-" + strings.Repeat("a", 33), false},
		{"o-abcdefghi", false},
		{"o-Exampleorg", false},
		{"p-exampleorg", false},
		{"o_exampleorg", false},
		{"o-example-org", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			id, err := org.ParseID(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, org.ErrInvalidInput)
				require.Contains(t, err.Error(), "invalid organization id")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.in, id.String())
		})
	}
}

func TestParseErrorShortensLongInput(t *testing.T) {
	_, err := org.ParseID(strings.Repeat("é", 100))
	require.Error(t, err)
	require.Less(t, len(err.Error()), 200)
	require.Contains(t, err.Error(), "...")
}

func TestTextMarshalling(t *testing.T) {
	type doc struct {
		Account    org.AccountID  `json:"account"`
		Org        org.ID         `json:"org"`
		FeatureSet org.FeatureSet `json:"feature_set"`
		Kind       org.ChangeKind `json:"kind"`
	}
	in := doc{"111122223333", "o-exampleorg", org.AllFeatures, org.Joined}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.JSONEq(t, `{"account":"111122223333","org":"o-exampleorg","feature_set":"ALL","kind":"JOINED"}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	require.Equal(t, in, out)

	bad := []string{
		`{"account":"1"}`,
		`{"org":"o-x"}`,
		`{"feature_set":"SOME"}`,
		`{"kind":"MOVED"}`,
	}
	for _, s := range bad {
		var d doc
		err := json.Unmarshal([]byte(s), &d)
		require.Error(t, err, s)
		require.True(t, errors.Is(err, org.ErrInvalidInput), s)
	}
	for _, v := range []any{doc{Account: "1", Org: "o-exampleorg", FeatureSet: org.AllFeatures, Kind: org.Left},
		doc{Account: "111122223333", Org: "x", FeatureSet: org.AllFeatures, Kind: org.Left},
		doc{Account: "111122223333", Org: "o-exampleorg", FeatureSet: "x", Kind: org.Left},
		doc{Account: "111122223333", Org: "o-exampleorg", FeatureSet: org.AllFeatures, Kind: "x"}} {
		_, err := json.Marshal(v)
		require.ErrorIs(t, err, org.ErrInvalidInput)
	}
}

func TestEnums(t *testing.T) {
	for _, f := range []org.FeatureSet{org.AllFeatures, org.ConsolidatedBilling} {
		require.True(t, f.IsValid())
		require.Equal(t, string(f), f.String())
	}
	require.False(t, org.FeatureSet("").IsValid())
	for _, k := range []org.ChangeKind{org.Founded, org.Created, org.Joined, org.Left, org.Removed} {
		require.True(t, k.IsValid())
		require.Equal(t, string(k), k.String())
		require.Equal(t, k != org.Left && k != org.Removed, k.Enters())
	}
	require.False(t, org.ChangeKind("MOVED").IsValid())
}

func FuzzParseAccountID(f *testing.F) {
	for _, s := range []string{"111122223333", "", "11112222333a", "1111222233334"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := org.ParseAccountID(s)
		if err != nil {
			require.ErrorIs(t, err, org.ErrInvalidInput)
			require.Empty(t, a)
			return
		}
		require.Len(t, s, 12)
		require.Equal(t, s, string(a))
		b, err := a.MarshalText()
		require.NoError(t, err)
		require.Equal(t, s, string(b))
	})
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"o-exampleorg", "", "o-", "o-ABCDEFGHIJ", "o-" + strings.Repeat("z", 32)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := org.ParseID(s)
		if err != nil {
			require.ErrorIs(t, err, org.ErrInvalidInput)
			require.Empty(t, id)
			return
		}
		require.True(t, strings.HasPrefix(s, "o-"))
		require.GreaterOrEqual(t, len(s), 12)
		require.LessOrEqual(t, len(s), 34)
		require.Equal(t, strings.ToLower(s), s)
		var back org.ID
		require.NoError(t, back.UnmarshalText([]byte(s)))
		require.Equal(t, id, back)
	})
}
