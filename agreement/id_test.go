package agreement_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
)

func TestParseIDs(t *testing.T) {
	tests := []struct {
		what  string
		parse func(string) error
		good  []string
		bad   []string
	}{
		{
			what:  "agreement id",
			parse: func(s string) error { _, err := agreement.ParseID(s); return err },
			good:  []string{"agreement-baa0000000000001", "agreement-AbCdEf0123456789"},
			bad:   []string{"", "agreement-", "agreement-abc", "agreement-baa00000000000012", "agreement-baa000000000000_", "Agreement-baa0000000000001", "customer-agreement-abcdef0123456789"},
		},
		{
			what:  "customer agreement id",
			parse: func(s string) error { _, err := agreement.ParseCustomerAgreementID(s); return err },
			good:  []string{"customer-agreement-abcdef0123456789", "customer-agreement-ABCDEF0123456789"},
			bad:   []string{"", "customer-agreement-abc", "agreement-abcdef0123456789", "customer-agreement-abcdef012345678-"},
		},
		{
			what:  "revision id",
			parse: func(s string) error { _, err := agreement.ParseRevisionID(s); return err },
			good:  []string{"6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a41", "00000000-0000-0000-0000-000000000000"},
			bad:   []string{"", "6F1C9A2E-4B7D-4C1E-9A3F-2D5E8B0C7A41", "6f1c9a2e4b7d4c1e9a3f2d5e8b0c7a41", "6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a4", "6f1c9a2e-4b7d-4c1e-9a3f_2d5e8b0c7a41", "6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a4g"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			for _, s := range tt.good {
				require.NoError(t, tt.parse(s), s)
			}
			for _, s := range tt.bad {
				err := tt.parse(s)
				require.ErrorIs(t, err, agreement.ErrInvalidInput, s)
				var pe *agreement.ParseError
				require.ErrorAs(t, err, &pe)
				require.Equal(t, tt.what, pe.What)
				require.Contains(t, err.Error(), "invalid "+tt.what)
			}
		})
	}
}

func TestARNs(t *testing.T) {
	require.Equal(t, "arn:aws:artifact:::agreement/agreement-baa0000000000001", baa.ARN("aws"))
	require.Equal(t, "arn:aws-us-gov:artifact::111111111111:customer-agreement/customer-agreement-abcdef0123456789",
		agreement.CustomerAgreementARN("aws-us-gov", mgmt, "customer-agreement-abcdef0123456789"))
}

func TestValidTokenFormat(t *testing.T) {
	for s, want := range map[string]bool{
		"nda-token-abcdefghijklmnopqrstuvwx":        true,
		"agreement-token-ABCDEFGHIJKLMNOPQRSTUVWX":  true,
		"nda-token-abcdefghijklmnopqrstuvw":         false,
		"agreement-token-abcdefghijklmnopqrstuvwxy": false,
		"term-token-abcdefghijklmnopqrstuvwx":       false,
		"nda-token-abcdefghijklmnopqrstuv-x":        false,
		"":                                          false,
	} {
		require.Equal(t, want, agreement.ValidTokenFormat(s), s)
	}
}

func TestParseErrorShortensLongInput(t *testing.T) {
	_, err := agreement.ParseID(strings.Repeat("ü", 200))
	require.Error(t, err)
	require.Less(t, len(err.Error()), 200)
}

// Every enumeration has a closed set: IsValid, and text marshalling that
// refuses unknown values.
func TestEnums(t *testing.T) {
	type enum interface {
		IsValid() bool
		String() string
		MarshalText() ([]byte, error)
	}
	tests := []struct {
		name    string
		valid   []enum
		invalid enum
		decode  func([]byte) error
	}{
		{"Type", []enum{agreement.TypeCustom, agreement.TypeDefault, agreement.TypeModified}, agreement.Type("OTHER"),
			func(b []byte) error { var v agreement.Type; return v.UnmarshalText(b) }},
		{"Kind", []enum{agreement.KindBAA, agreement.KindAddendum, agreement.KindCustom}, agreement.Kind(""),
			func(b []byte) error { var v agreement.Kind; return v.UnmarshalText(b) }},
		{"Scope", []enum{agreement.ScopeAccount, agreement.ScopeOrganization}, agreement.Scope("account"),
			func(b []byte) error { var v agreement.Scope; return v.UnmarshalText(b) }},
		{"State", []enum{agreement.Active, agreement.CustomerTerminated, agreement.AWSTerminated}, agreement.State("INACTIVE"),
			func(b []byte) error { var v agreement.State; return v.UnmarshalText(b) }},
		{"Basis", []enum{agreement.BasisAccount, agreement.BasisOrganization, agreement.BasisOffline, agreement.BasisNone}, agreement.Basis("BOTH"),
			func(b []byte) error { var v agreement.Basis; return v.UnmarshalText(b) }},
		{"EventKind", []enum{agreement.EventAccepted, agreement.EventTerminated, agreement.EventCoverageGained, agreement.EventCoverageLost}, agreement.EventKind("X"),
			func(b []byte) error { var v agreement.EventKind; return v.UnmarshalText(b) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range tt.valid {
				require.True(t, v.IsValid())
				b, err := v.MarshalText()
				require.NoError(t, err)
				require.Equal(t, v.String(), string(b))
				require.NoError(t, tt.decode(b))
			}
			require.False(t, tt.invalid.IsValid())
			_, err := tt.invalid.MarshalText()
			require.ErrorIs(t, err, agreement.ErrInvalidInput)
			require.ErrorIs(t, tt.decode([]byte(tt.invalid.String())), agreement.ErrInvalidInput)
		})
	}
	require.True(t, agreement.BasisOffline.Covered())
	require.False(t, agreement.BasisNone.Covered())
	require.False(t, agreement.Basis("").Covered())
}

func TestIDTextMarshalling(t *testing.T) {
	type doc struct {
		A agreement.ID                  `json:"a"`
		C agreement.CustomerAgreementID `json:"c"`
		R agreement.RevisionID          `json:"r"`
	}
	in := doc{baa, "customer-agreement-abcdef0123456789", "6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a41"}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	require.Equal(t, in, out)
	for _, s := range []string{`{"a":"x"}`, `{"c":"x"}`, `{"r":"x"}`} {
		require.ErrorIs(t, json.Unmarshal([]byte(s), &out), agreement.ErrInvalidInput, s)
	}
	for _, d := range []doc{{A: "x", C: in.C, R: in.R}, {A: in.A, C: "x", R: in.R}, {A: in.A, C: in.C, R: "x"}} {
		_, err := json.Marshal(d)
		require.ErrorIs(t, err, agreement.ErrInvalidInput)
	}
	require.Equal(t, string(baa), baa.String())
	require.Equal(t, string(in.C), in.C.String())
	require.Equal(t, string(in.R), in.R.String())
}

var (
	agreementIDRE = regexp.MustCompile(`^agreement-[a-zA-Z0-9]{16}$`)
	caIDRE        = regexp.MustCompile(`^customer-agreement-[a-zA-Z0-9]{16}$`)
	revisionRE    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	ndaTokenRE    = regexp.MustCompile(`^nda-token-[a-zA-Z0-9]{24}$`)
	agrTokenRE    = regexp.MustCompile(`^agreement-token-[a-zA-Z0-9]{24}$`)
)

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"agreement-baa0000000000001", "", "agreement-", "agreement-ééééééééééééééééé"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := agreement.ParseID(s)
		require.Equal(t, agreementIDRE.MatchString(s), err == nil)
		if err != nil {
			require.ErrorIs(t, err, agreement.ErrInvalidInput)
			require.Empty(t, id)
		}
	})
}

func FuzzParseCustomerAgreementID(f *testing.F) {
	for _, s := range []string{"customer-agreement-abcdef0123456789", "", "customer-agreement-", "customer-agreement-abcdef012345678\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := agreement.ParseCustomerAgreementID(s)
		require.Equal(t, caIDRE.MatchString(s), err == nil)
	})
}

func FuzzParseRevisionID(f *testing.F) {
	for _, s := range []string{"6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a41", "", "6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a4G"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := agreement.ParseRevisionID(s)
		require.Equal(t, revisionRE.MatchString(s), err == nil)
	})
}

func FuzzValidTokenFormat(f *testing.F) {
	for _, s := range []string{"nda-token-abcdefghijklmnopqrstuvwx", "agreement-token-abcdefghijklmnopqrstuvwx", "", "nda-token-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, ndaTokenRE.MatchString(s) || agrTokenRE.MatchString(s), agreement.ValidTokenFormat(s))
	})
}
