package policy

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// refMatch is a simple reference glob matcher over runes: '*' matches any
// run, '?' one rune, by dynamic programming. With fold, ASCII letters
// match either case.
func refMatch(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = lowerASCII(pattern), lowerASCII(s)
	}
	p, t := []rune(pattern), []rune(s)
	// m[j] reports whether p[:i] matches t[:j].
	m := make([]bool, len(t)+1)
	m[0] = true
	for i := range p {
		next := make([]bool, len(t)+1)
		if p[i] == '*' {
			next[0] = m[0]
		}
		for j := 1; j <= len(t); j++ {
			switch p[i] {
			case '*':
				next[j] = m[j] || next[j-1]
			case '?':
				next[j] = m[j-1]
			default:
				next[j] = m[j-1] && p[i] == t[j-1]
			}
		}
		m = next
	}
	return m[len(t)]
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"**", "abc", true},
		{"a*", "abc", true},
		{"*c", "abc", true},
		{"*b*", "abc", true},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"a?c", "aéc", true},
		{"?", "é", true},
		{"??", "é", false},
		{"*?", "", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"a*b?c*d", "aXbYcZd", true},
		{"*a*a*a", "aa", false},
		{"*ab*ab", "abab", true},
		{"*ab*ab", "abxab", true},
		{"*ab*?ab", "abab", false},
		{"x*?b*?c", "xbbc", false},
		{"x*?b*?c", "xabbc", true},
	}
	for _, tt := range tests {
		g := compileGlob(tt.pattern, globOptions{wild: true})
		require.Equal(t, tt.want, g.match(tt.s, nil), "%q %q", tt.pattern, tt.s)
		require.Equal(t, tt.want, refMatch(tt.pattern, tt.s, false), "reference %q %q", tt.pattern, tt.s)
	}
	// Folded patterns ignore ASCII case only.
	g := compileGlob("Artifact:Get*Report?", globOptions{wild: true, fold: true})
	require.True(t, g.match("ARTIFACT:getTHEreportS", nil))
	require.False(t, g.match("artifact:getreport", nil))
	g = compileGlob("*:GETREPORT", globOptions{wild: true, fold: true})
	require.True(t, g.match("artifact:getreport", nil))
	require.False(t, g.match("artifact:getreporu", nil))
	g = compileGlob("*x*Y*", globOptions{wild: true, fold: true})
	require.True(t, g.match("aXby", nil))
}

// The matcher is linear: twenty stars against 10 KB of text that almost
// matches returns at once (recursive matchers take exponential time).
func TestGlobLinear(t *testing.T) {
	pattern := strings.Repeat("*a", 20) + "*b"
	text := strings.Repeat("a", 10_000)
	for _, o := range []globOptions{{wild: true}, {wild: true, fold: true}} {
		g := compileGlob(pattern, o)
		start := time.Now()
		require.False(t, g.match(text, nil))
		require.True(t, g.match(text+"b", nil))
		require.Less(t, time.Since(start), 50*time.Millisecond)
	}
	// The last chunk is not anchored at the end: it is looked for through
	// the whole text, once.
	for _, tt := range []struct{ pattern, match string }{
		{strings.Repeat("*?a", 20) + "*?b", text + "b"},
		{strings.Repeat("*a", 20) + "*b*", text + "b" + text},
		{strings.Repeat("*?a", 20) + "*?b*", text + "b" + text},
	} {
		g := compileGlob(tt.pattern, globOptions{wild: true})
		start := time.Now()
		require.False(t, g.match(text, nil), tt.pattern)
		require.True(t, g.match(tt.match, nil), tt.pattern)
		require.Less(t, time.Since(start), 50*time.Millisecond, tt.pattern)
	}
}

// BenchmarkGlobLinear times twenty stars against 10 KB that almost
// matches: the last chunk is looked for through the whole text, once. It
// takes microseconds (a backtracking matcher takes years).
func BenchmarkGlobLinear(b *testing.B) {
	text := strings.Repeat("a", 10_000)
	for _, tt := range []struct{ name, pattern string }{
		{"literal", strings.Repeat("*a", 20) + "*b*"},
		{"question", strings.Repeat("*?a", 20) + "*?b*"},
		{"fold", strings.Repeat("*A", 20) + "*B*"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			g := compileGlob(tt.pattern, globOptions{wild: true, fold: tt.name == "fold"})
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if g.match(text, nil) {
					b.Fatal("match")
				}
			}
		})
	}
}

func TestLower64(t *testing.T) {
	var b [8]byte
	for c := range 256 {
		for i := range b {
			b[i] = byte(c)
		}
		s := string(b[:])
		l := lowerTable[c]
		want := load64(string([]byte{l, l, l, l, l, l, l, l}), 0)
		require.Equal(t, want, lower64(load64(s, 0)), "byte %#x", c)
	}
	require.True(t, equalFoldLower("ARTIFACT:GetReportMetadata", "artifact:getreportmetadata"))
	require.False(t, equalFoldLower("artifact\x1aGetReport", "artifact:getreport"))
	require.False(t, equalFoldLower("ARTIFACT:GetReportMetadatA@", "artifact:getreportmetadata`"))
}

// Every catalog action is found by its name in any case, and nothing else.
func TestActionID(t *testing.T) {
	for i, n := range lowerNames {
		require.Equal(t, i, actionID(n))
		require.Equal(t, i, actionID(strings.ToUpper(n)))
		require.Equal(t, -1, actionID(n+"x"))
		require.Equal(t, -1, actionID(n[:len(n)-1]))
	}
	require.Equal(t, -1, actionID("s3:GetObject"))
	require.Equal(t, -1, actionID("artifact:Ge\u212At"))
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		sec  int64
		nsec int32
		ok   bool
	}{
		{"0", 0, 0, true},
		{"1735689600", 1735689600, 0, true},
		{"-86400", -86400, 0, true},
		{"2025-01-01", 1735689600, 0, true},
		{"2025-01", 1735689600, 0, true},
		{"2025-01-01T00:00Z", 1735689600, 0, true},
		{"2025-01-01t00:00:00z", 1735689600, 0, true},
		{"2025-01-01T00:00:00.123456789123Z", 1735689600, 123456789, true},
		{"2025-01-01T01:00:00+01:00", 1735689600, 0, true},
		{"2024-12-31T23:00:00-0100", 1735689600, 0, true},
		{"2025-01-01T00:00:00", 1735689600, 0, true},
		{"", 0, 0, false},
		{"-", 0, 0, false},
		{"9999999999999999999", 0, 0, false},
		{"2025", 2025, 0, true},
		{"2025-13-01", 0, 0, false},
		{"2025-02-29", 0, 0, false},
		{"2024-02-29", 1709164800, 0, true},
		{"2025-01-01T24:00Z", 0, 0, false},
		{"2025-01-01T00:60Z", 0, 0, false},
		{"2025-01-01T00:00:61Z", 0, 0, false},
		{"2025-01-01T00:00:00.Z", 0, 0, false},
		{"2025-01-01T00:00:00+25:00", 0, 0, false},
		{"2025-01-01T00:00:00+01:60", 0, 0, false},
		{"2025-01-01T00:00:00Zjunk", 0, 0, false},
		{"2025-01-01T00:00:00#", 0, 0, false},
		{"2025/01/01", 0, 0, false},
		{"2025-01/01", 0, 0, false},
		{"2025-01-01 00:00", 0, 0, false},
		{"2025-01-01T0", 0, 0, false},
		{"abcd", 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		require.Equal(t, tt.ok, ok, tt.in)
		if ok {
			require.Equal(t, instant{sec: tt.sec, nsec: tt.nsec}, got, tt.in)
		}
	}
}

func TestParseVariable(t *testing.T) {
	tests := []struct {
		in   string
		tok  token
		n    int
		ok   bool
		desc string
	}{
		{"${aws:username}", token{kind: tokVar, key: "aws:username"}, 15, true, "plain"},
		{"${ aws:username }", token{kind: tokVar, key: "aws:username"}, 17, true, "spaces"},
		{"${aws:username, 'x'}", token{kind: tokVar, key: "aws:username", def: true, lit: "x"}, 20, true, "default"},
		{"${aws:username,'a''b' }", token{kind: tokVar, key: "aws:username", def: true, lit: "a'b"}, 23, true, "quote"},
		{"${*}", token{kind: tokLit, lit: "*"}, 4, true, "star"},
		{"${?}x", token{kind: tokLit, lit: "?"}, 4, true, "question"},
		{"${$}", token{kind: tokLit, lit: "$"}, 4, true, "dollar"},
		{"${*x}", token{}, 0, false, "bad special"},
		{"${}", token{}, 0, false, "empty"},
		{"${aws:username", token{}, 0, false, "open"},
		{"${aws:username x}", token{}, 0, false, "junk"},
		{"${aws:username, x}", token{}, 0, false, "unquoted default"},
		{"${aws:username, 'x}", token{}, 0, false, "open default"},
		{"${aws:username, 'x' y}", token{}, 0, false, "junk after default"},
		{"${aws:username,", token{}, 0, false, "cut"},
	}
	for _, tt := range tests {
		tok, n, ok := parseVariable(tt.in)
		require.Equal(t, tt.ok, ok, tt.desc)
		if ok {
			require.Equal(t, tt.tok, tok, tt.desc)
			require.Equal(t, tt.n, n, tt.desc)
		}
	}
}

// Many variables in one pattern are all substituted.
func TestManyVariables(t *testing.T) {
	var p, s strings.Builder
	kv := map[string][]string{}
	for i := range 11 {
		key := "aws:PrincipalTag/k" + string(rune('a'+i))
		p.WriteString("${" + key + "}-")
		s.WriteString(string(rune('A'+i)) + "-")
		kv[key] = []string{string(rune('A' + i))}
	}
	c := NewContext(kv)
	g := compileGlob(p.String()+"*", globOptions{wild: true, vars: true})
	require.True(t, g.match(s.String()+"tail", &vars{ctx: &c}))
	require.False(t, g.match("x"+s.String(), &vars{ctx: &c}))
	e := compileGlob(p.String(), globOptions{vars: true})
	require.True(t, e.equalFold(strings.ToLower(s.String()), &vars{ctx: &c}))
	require.True(t, utf8.ValidString(p.String()))
}
