package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

var (
	idPattern    = regexp.MustCompile(`^report-[a-zA-Z0-9]{16}$`)
	tokenPattern = regexp.MustCompile(`^term-token-[a-zA-Z0-9]{24}$`)
)

func TestValidateID(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{"report-abcdef0123456789", true},
		{"report-jRVRFP8HxUN5zpPh", true},
		{"report-f1DIWBmGa2Lhsadg", true},
		{"report-abcdef012345678", false},   // 15
		{"report-abcdef01234567890", false}, // 17
		{"report-abcdef012345678_", false},
		{"Report-abcdef0123456789", false},
		{"term-abcdef0123456789", false},
		{"report-abcdef012345678é", false},
		{"", false},
	} {
		err := report.ValidateID(tc.id)
		if tc.ok {
			require.NoError(t, err, tc.id)
		} else {
			require.Equal(t, []string{"reportId"}, fields(t, err), tc.id)
		}
	}
}

func TestParseARN(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want report.ARN
		ok   bool
	}{
		{"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1", report.ARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 1}, true},
		{"arn:aws-us-gov:artifact:us-gov-west-1::report/report-abcdef0123456789:12", report.ARN{Partition: "aws-us-gov", Region: "us-gov-west-1", ReportID: "report-abcdef0123456789", Version: 12}, true},
		{"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:*", report.ARN{}, false}, // policies only
		{"arn:aws:artifact:us-east-1::report/report-abcdef0123456789", report.ARN{}, false},
		{"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:0", report.ARN{}, false},
		{"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:01", report.ARN{}, false},
		{"arn:aws:artifact:us-east-1:111122223333:report/report-abcdef0123456789:1", report.ARN{}, false},
		{"arn:aws:artifact:::report/report-abcdef0123456789:1", report.ARN{}, false},
		{"arn:aws:s3:us-east-1::report/report-abcdef0123456789:1", report.ARN{}, false},
		{"arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1", report.ARN{}, false},
		{"arn:aws:artifact:US-EAST-1::report/report-abcdef0123456789:1", report.ARN{}, false},
		{"arn:gcp:artifact:us-east-1::report/report-abcdef0123456789:1", report.ARN{}, false},
		{"arn:aws:artifact:us-east-1::report/report:report-abcdef0123456789:1", report.ARN{}, false},
	} {
		got, err := report.ParseARN(tc.in)
		if !tc.ok {
			require.Equal(t, []string{"reportArn"}, fields(t, err), tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got)
		require.Equal(t, tc.in, got.String())
	}
}

func TestParseTermARN(t *testing.T) {
	a, err := report.ParseTermARN("arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1")
	require.NoError(t, err)
	require.Equal(t, report.TermARN{Partition: "aws", Region: "us-east-1", TermID: "term-abcdef0123456789", Version: 1}, a)
	require.Equal(t, "arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1", a.String())
	for _, bad := range []string{
		"arn:aws:artifact:us-east-1::term/term-abcdef012345678:1",
		"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1",
		"arn:aws:artifact:us-east-1::term/term-abcdef0123456789",
		"",
	} {
		_, err := report.ParseTermARN(bad)
		require.Equal(t, []string{"termArn"}, fields(t, err), bad)
	}
}

func TestValidateTermToken(t *testing.T) {
	require.NoError(t, report.ValidateTermToken("term-token-abcdefghijklm01234567890"), "AWS's example")
	for _, bad := range []string{"term-token-abc", "nda-token-abcdefghijklm01234567890", "term-token-abcdefghijklm0123456789-", ""} {
		require.Equal(t, []string{"termToken"}, fields(t, report.ValidateTermToken(bad)), bad)
	}
}

func TestDigest(t *testing.T) {
	d := digestOf("abc")
	require.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", d.String())
	got, err := report.ParseDigest(strings.ToUpper(d.String()))
	require.NoError(t, err)
	require.Equal(t, d, got)
	for _, bad := range []string{"", "ba78", strings.Repeat("g", 64), d.String() + "00"} {
		_, err := report.ParseDigest(bad)
		require.Equal(t, []string{"sha256"}, fields(t, err), bad)
	}
	var back report.Digest
	text, err := d.MarshalText()
	require.NoError(t, err)
	require.NoError(t, back.UnmarshalText(text))
	require.Equal(t, d, back)
	require.Error(t, back.UnmarshalText([]byte("zz")))
	require.True(t, report.Digest{}.IsZero())
}

// FuzzValidateID: ValidateID accepts exactly AWS's ReportId pattern.
func FuzzValidateID(f *testing.F) {
	for _, s := range []string{"report-abcdef0123456789", "report-", "report-abcdef012345678\x00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ok := report.ValidateID(s) == nil; ok != idPattern.MatchString(s) {
			t.Fatalf("ValidateID(%q) ok=%v, pattern says %v", s, ok, !ok)
		}
	})
}

// FuzzValidateTermToken: the token shape is term-token- and 24
// alphanumerics.
func FuzzValidateTermToken(f *testing.F) {
	f.Add("term-token-abcdefghijklm01234567890")
	f.Add("term-token-")
	f.Fuzz(func(t *testing.T, s string) {
		if ok := report.ValidateTermToken(s) == nil; ok != tokenPattern.MatchString(s) {
			t.Fatalf("ValidateTermToken(%q) ok=%v", s, ok)
		}
	})
}

// FuzzParseARN: ParseARN never panics and what it accepts round-trips.
func FuzzParseARN(f *testing.F) {
	for _, s := range []string{
		"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1",
		"arn:aws-us-gov:artifact:us-gov-west-1::report/report-abcdef0123456789:99",
		"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:*",
		"arn:::::",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := report.ParseARN(s)
		if err != nil {
			return
		}
		if a.String() != s || report.ValidateID(a.ReportID) != nil || a.Version < 1 {
			t.Fatalf("ParseARN(%q) = %+v", s, a)
		}
	})
}

// FuzzParseTermARN: ParseTermARN never panics and what it accepts
// round-trips.
func FuzzParseTermARN(f *testing.F) {
	f.Add("arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1")
	f.Add("arn:aws:artifact:us-east-1::term/term-:1")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := report.ParseTermARN(s)
		if err != nil {
			return
		}
		if a.String() != s || a.Version < 1 {
			t.Fatalf("ParseTermARN(%q) = %+v", s, a)
		}
	})
}

// FuzzParseDigest: ParseDigest never panics and accepts 64 hex digits only.
func FuzzParseDigest(f *testing.F) {
	f.Add("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
	f.Add("xyz")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := report.ParseDigest(s)
		if err != nil {
			return
		}
		if !strings.EqualFold(d.String(), s) {
			t.Fatalf("ParseDigest(%q) = %s", s, d)
		}
	})
}
