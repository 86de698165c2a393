package inquiry_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func TestQ4_ValidateTags(t *testing.T) {
	fifty := inquiry.Tags{}
	for i := 0; i < 50; i++ {
		fifty[fmt.Sprint("k", i)] = "v"
	}
	fiftyOne := fifty.Clone()
	fiftyOne["one-more"] = ""
	cases := []struct {
		name string
		tags inquiry.Tags
		ok   bool
	}{
		{"none", nil, true},
		{"AWS's set", inquiry.Tags{"team name_1.2:3/4=5+6-7@x": "a b\tc_.:/=+-@"}, true},
		{"empty value", inquiry.Tags{"k": ""}, true},
		{"longest key and value", inquiry.Tags{strings.Repeat("k", 128): strings.Repeat("v", 256)}, true},
		{"fifty", fifty, true},
		{"fifty-one", fiftyOne, false},
		{"empty key", inquiry.Tags{"": "v"}, false},
		{"key too long", inquiry.Tags{strings.Repeat("k", 129): "v"}, false},
		{"value too long", inquiry.Tags{"k": strings.Repeat("v", 257)}, false},
		{"comma", inquiry.Tags{"a,b": "v"}, false},
		{"value with a star", inquiry.Tags{"k": "v*"}, false},
		{"non-ASCII letter", inquiry.Tags{"équipe": "v"}, false},
		{"reserved prefix", inquiry.Tags{"aws:createdBy": "v"}, false},
		{"reserved prefix in any case", inquiry.Tags{"AwS:x": "v"}, false},
		{"aws without colon is fine", inquiry.Tags{"awsome": "v"}, true},
		{"value may start with aws:", inquiry.Tags{"k": "aws:v"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := inquiry.ValidateTags("tags", c.tags)
			if c.ok {
				require.NoError(t, err)
				return
			}
			var ve *inquiry.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, "tags", ve.Fields[0].Name)
		})
	}
}

func TestQ4_ValidateTagKeys(t *testing.T) {
	require.NoError(t, inquiry.ValidateTagKeys("tagKeys", []string{"team", "missing"}))
	require.ErrorIs(t, inquiry.ValidateTagKeys("tagKeys", nil), inquiry.ErrInvalid)
	require.ErrorIs(t, inquiry.ValidateTagKeys("tagKeys", make([]string, 51)), inquiry.ErrInvalid)
	require.ErrorIs(t, inquiry.ValidateTagKeys("tagKeys", []string{"aws:x"}), inquiry.ErrInvalid)
	require.ErrorIs(t, inquiry.ValidateTagKeys("tagKeys", []string{"a*"}), inquiry.ErrInvalid)
}

// tagPattern is AWS's model's pattern for TagKey and TagValue, as Java
// reads \s.
var tagPattern = regexp.MustCompile(`^[a-zA-Z0-9 \t\n\x0B\f\r_.:/=+\-@]*$`)

// FuzzValidateTags: the validator agrees with AWS's model (length, the
// pattern, the reserved prefix) on any key and value.
func FuzzValidateTags(f *testing.F) {
	for _, s := range [][2]string{{"team", "grc"}, {"aws:x", ""}, {"", "v"}, {"k\x0b", "v\r"}, {"é", "ü"}, {strings.Repeat("k", 129), ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, k, v string) {
		want := len(k) >= 1 && len(k) <= 128 && len(v) <= 256 && tagPattern.MatchString(k) && tagPattern.MatchString(v) &&
			!strings.HasPrefix(strings.ToLower(k), "aws:")
		err := inquiry.ValidateTags("tags", inquiry.Tags{k: v})
		if (err == nil) != want {
			t.Fatalf("ValidateTags(%q: %q) = %v, want valid %v", k, v, err, want)
		}
		if err != nil && !errors.Is(err, inquiry.ErrInvalid) {
			t.Fatalf("error %v is not ErrInvalid", err)
		}
		kerr := inquiry.ValidateTagKeys("tagKeys", []string{k})
		wantKey := len(k) >= 1 && len(k) <= 128 && tagPattern.MatchString(k) && !strings.HasPrefix(strings.ToLower(k), "aws:")
		if (kerr == nil) != wantKey {
			t.Fatalf("ValidateTagKeys(%q) = %v, want valid %v", k, kerr, wantKey)
		}
	})
}

// Q4: the reason names what is wrong: a key or value of characters
// outside AWS's set is refused for them, however long it is.
func TestQ4_TagReasons(t *testing.T) {
	cases := []struct {
		name string
		tags inquiry.Tags
		says string
	}{
		{"non-ASCII key within 128 characters, over 128 bytes", inquiry.Tags{strings.Repeat("é", 100): "v"}, "outside ASCII letters"},
		{"non-ASCII key over 128 characters", inquiry.Tags{strings.Repeat("é", 200): "v"}, "outside ASCII letters"},
		{"non-ASCII value", inquiry.Tags{"k": strings.Repeat("ü", 200)}, "outside ASCII letters"},
		{"long ASCII key", inquiry.Tags{strings.Repeat("k", 129): "v"}, "longer than 128 characters"},
		{"long ASCII value", inquiry.Tags{"k": strings.Repeat("v", 257)}, "longer than 256 characters"},
		{"reserved", inquiry.Tags{"aws:k": "v"}, "reserved prefix"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ve *inquiry.ValidationError
			require.ErrorAs(t, inquiry.ValidateTags("tags", c.tags), &ve)
			require.Len(t, ve.Fields, 1)
			require.Contains(t, ve.Fields[0].Message, c.says)
		})
	}
}
