package report_test

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

// textEnum is what every enumeration of the package implements.
type textEnum interface {
	IsValid() bool
	encoding.TextMarshaler
}

// enums lists every enumeration: its valid values (AWS's exact values
// where AWS has them), and a fresh pointer to unmarshal into.
var enums = []struct {
	name   string
	values []string
	fresh  func() encoding.TextUnmarshaler
	wrap   func(string) textEnum
}{
	{"PublishedState", []string{"PUBLISHED", "UNPUBLISHED"},
		func() encoding.TextUnmarshaler { return new(report.PublishedState) },
		func(s string) textEnum { return report.PublishedState(s) }},
	{"UploadState", []string{"PROCESSING", "COMPLETE", "FAILED", "FAULT"},
		func() encoding.TextUnmarshaler { return new(report.UploadState) },
		func(s string) textEnum { return report.UploadState(s) }},
	{"AcceptanceType", []string{"PASSTHROUGH", "EXPLICIT"},
		func() encoding.TextUnmarshaler { return new(report.AcceptanceType) },
		func(s string) textEnum { return report.AcceptanceType(s) }},
	{"Type", []string{"TYPE1", "TYPE2"},
		func() encoding.TextUnmarshaler { return new(report.Type) },
		func(s string) textEnum { return report.Type(s) }},
	{"TrustCategory", []string{"Security", "Availability", "Processing Integrity", "Confidentiality", "Privacy"},
		func() encoding.TextUnmarshaler { return new(report.TrustCategory) },
		func(s string) textEnum { return report.TrustCategory(s) }},
	{"GapClass", []string{"none", "letter", "extra_procedures", "weak"},
		func() encoding.TextUnmarshaler { return new(report.GapClass) },
		func(s string) textEnum { return report.GapClass(s) }},
	{"AccessState", []string{"NONE", "PENDING", "APPROVED", "REJECTED", "REVOKED"},
		func() encoding.TextUnmarshaler { return new(report.AccessState) },
		func(s string) textEnum { return report.AccessState(s) }},
}

func TestEnums(t *testing.T) {
	for _, e := range enums {
		t.Run(e.name, func(t *testing.T) {
			for _, v := range e.values {
				require.True(t, e.wrap(v).IsValid(), v)
				b, err := e.wrap(v).MarshalText()
				require.NoError(t, err)
				require.Equal(t, v, string(b))
				p := e.fresh()
				require.NoError(t, p.UnmarshalText([]byte(v)))
			}
			for _, bad := range []string{"", "published", "Published ", "UNKNOWN"} {
				require.False(t, e.wrap(bad).IsValid(), bad)
				_, err := e.wrap(bad).MarshalText()
				require.Error(t, err, bad)
				require.ErrorIs(t, e.fresh().UnmarshalText([]byte(bad)), report.ErrInvalid, bad)
			}
		})
	}
}

func TestEnumsInJSON(t *testing.T) {
	var v struct {
		State report.PublishedState `json:"state"`
		Terms report.AcceptanceType `json:"acceptanceType"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"state":"PUBLISHED","acceptanceType":"PASSTHROUGH"}`), &v))
	require.Equal(t, report.Published, v.State)
	require.Equal(t, report.Passthrough, v.Terms)
	require.Error(t, json.Unmarshal([]byte(`{"state":"DRAFT"}`), &v))
	require.Equal(t, report.Published, v.State, "a refused value leaves the field")
}

// FuzzEnumText: unmarshalling accepts exactly the closed sets.
func FuzzEnumText(f *testing.F) {
	for _, e := range enums {
		for _, v := range e.values {
			f.Add(v)
		}
	}
	f.Add("garbage")
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range enums {
			err := e.fresh().UnmarshalText([]byte(s))
			if (err == nil) != e.wrap(s).IsValid() {
				t.Fatalf("%s: UnmarshalText(%q) = %v, IsValid %v", e.name, s, err, e.wrap(s).IsValid())
			}
		}
	})
}
