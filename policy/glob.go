package policy

import (
	"strings"
	"unicode/utf8"
)

// A glob is a compiled pattern. '*' matches any run of characters and '?'
// exactly one character (a UTF-8 rune); policy variables are substituted
// from the request context and always match literally.
//
// Matching is iterative: the pattern is split at its stars into a head
// anchored at the start, a tail anchored at the end and middle chunks that
// are placed greedily, each at its leftmost possible position. Chunks have
// a fixed length once variables are substituted, so the greedy placement is
// exact and the cost is at most linear in the text per chunk (plain
// literal chunks use strings.Index).
type glob struct {
	kind globKind
	lit  string // globExact, globPrefix, globSuffix: the literal
	fold bool   // match ASCII letters case-insensitively; the pattern is lower-cased
	star bool   // the pattern has at least one '*'
	head []token
	mids [][]token
	tail []token
	nvar int // number of variable tokens
}

type globKind uint8

const (
	globGeneral globKind = iota
	globAny              // only stars: matches everything
	globExact            // no wildcards, no variables
	globPrefix           // literal then one trailing star
	globSuffix           // one leading star then literal
)

type tokenKind uint8

const (
	tokLit tokenKind = iota // literal text
	tokOne                  // '?': one character
	tokVar                  // a policy variable
)

type token struct {
	kind tokenKind
	lit  string // tokLit: the text; tokVar: the default value
	key  string // tokVar: the lower-cased context key
	def  bool   // tokVar: has a default value
	n    int    // tokVar: ordinal among the pattern's variables
}

// globOptions says how to read a pattern.
type globOptions struct {
	wild bool // '*' and '?' are wildcards (not for StringEquals)
	vars bool // ${...} are policy variables (2012-10-17 documents)
	fold bool // case-insensitive (action names)
}

// compileGlob compiles pattern p.
func compileGlob(p string, o globOptions) glob {
	if o.fold {
		p = lowerASCII(p)
	}
	g := glob{fold: o.fold}
	var chunks [][]token
	var cur []token
	lit := func(s string) {
		if s == "" {
			return
		}
		if n := len(cur); n > 0 && cur[n-1].kind == tokLit {
			cur[n-1].lit += s
			return
		}
		cur = append(cur, token{kind: tokLit, lit: s})
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case o.wild && c == '*':
			g.star = true
			chunks = append(chunks, cur)
			cur = nil
			i++
		case o.wild && c == '?':
			cur = append(cur, token{kind: tokOne})
			i++
		case o.vars && c == '$' && strings.HasPrefix(p[i:], "${"):
			v, n, ok := parseVariable(p[i:])
			if !ok {
				lit("$")
				i++
				continue
			}
			if v.kind == tokLit {
				lit(v.lit)
			} else {
				v.n = g.nvar
				g.nvar++
				cur = append(cur, v)
			}
			i += n
		default:
			j := i + 1
			for j < len(p) && !(o.wild && (p[j] == '*' || p[j] == '?')) && !(o.vars && p[j] == '$') {
				j++
			}
			lit(p[i:j])
			i = j
		}
	}
	chunks = append(chunks, cur)
	g.head = chunks[0]
	if len(chunks) > 1 {
		g.tail = chunks[len(chunks)-1]
		for _, c := range chunks[1 : len(chunks)-1] {
			if len(c) > 0 {
				g.mids = append(g.mids, c)
			}
		}
	}
	g.classify()
	return g
}

// eachVariable calls f with the (lower-cased) condition key of each
// policy variable of g.
func (g *glob) eachVariable(f func(key string)) {
	each := func(ts []token) {
		for _, t := range ts {
			if t.kind == tokVar {
				f(t.key)
			}
		}
	}
	each(g.head)
	for _, m := range g.mids {
		each(m)
	}
	each(g.tail)
}

// classify picks a fast path for common shapes.
func (g *glob) classify() {
	single := func(ts []token) (string, bool) {
		if len(ts) == 0 {
			return "", true
		}
		if len(ts) == 1 && ts[0].kind == tokLit {
			return ts[0].lit, true
		}
		return "", false
	}
	h, hok := single(g.head)
	t, tok := single(g.tail)
	switch {
	case !hok || !tok || len(g.mids) > 0:
		g.kind = globGeneral
	case !g.star:
		g.kind, g.lit = globExact, h
	case h == "" && t == "":
		g.kind = globAny
	case t == "":
		g.kind, g.lit = globPrefix, h
	case h == "":
		g.kind, g.lit = globSuffix, t
	default:
		g.kind = globGeneral
	}
}

// parseVariable parses a policy variable at the start of s ("${...}") and
// returns it with its length. ${*}, ${?} and ${$} come back as literal
// tokens. ok is false when s does not start with a well-formed variable.
func parseVariable(s string) (t token, n int, ok bool) {
	i := 2
	for i < len(s) && s[i] == ' ' {
		i++
	}
	start := i
	for i < len(s) && isKeyChar(s[i]) {
		i++
	}
	key := s[start:i]
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if key == "" && i < len(s) && (s[i] == '*' || s[i] == '?' || s[i] == '$') {
		key = s[i : i+1]
		i++
		if i < len(s) && s[i] == '}' {
			return token{kind: tokLit, lit: key}, i + 1, true
		}
		return token{}, 0, false
	}
	if key == "" || i >= len(s) {
		return token{}, 0, false
	}
	t = token{kind: tokVar, key: strings.ToLower(key)}
	if s[i] == '}' {
		return t, i + 1, true
	}
	if s[i] != ',' {
		return token{}, 0, false
	}
	i++
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '\'' {
		return token{}, 0, false
	}
	i++
	var def strings.Builder
	for {
		if i >= len(s) {
			return token{}, 0, false
		}
		if s[i] == '\'' {
			if i+1 < len(s) && s[i+1] == '\'' { // '' is a quote
				def.WriteByte('\'')
				i += 2
				continue
			}
			i++
			break
		}
		def.WriteByte(s[i])
		i++
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '}' {
		return token{}, 0, false
	}
	t.def, t.lit = true, def.String()
	return t, i + 1, true
}

// isKeyChar reports whether c may appear in a condition key name used as a
// policy variable.
func isKeyChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte(":/_-.@+=", c) >= 0
}

// match reports whether s matches g. Variables are resolved from ctx; a
// variable that cannot be resolved makes the pattern match nothing.
func (g *glob) match(s string, ctx *vars) bool {
	switch g.kind {
	case globAny:
		return true
	case globExact:
		if g.fold {
			return len(s) == len(g.lit) && equalFoldLower(s, g.lit)
		}
		return s == g.lit
	case globPrefix:
		if g.fold {
			return len(s) >= len(g.lit) && equalFoldLower(s[:len(g.lit)], g.lit)
		}
		// Resource prefixes share their start ("arn:aws:artifact:::")
		// and differ near their end: test the last byte first.
		n := len(g.lit)
		return len(s) >= n && (n == 0 || s[n-1] == g.lit[n-1]) && s[:n] == g.lit
	case globSuffix:
		if g.fold {
			return len(s) >= len(g.lit) && equalFoldLower(s[len(s)-len(g.lit):], g.lit)
		}
		return strings.HasSuffix(s, g.lit)
	}
	if g.nvar > 0 && !g.resolvable(ctx) {
		return false
	}
	return g.matchGeneral(s, ctx)
}

// resolvable reports whether every variable of g has a value in ctx.
// Matching then substitutes them as it meets them, storing nothing.
func (g *glob) resolvable(ctx *vars) bool {
	for _, ts := range [][]token{g.head, g.tail} {
		for _, t := range ts {
			if t.kind != tokVar {
				continue
			}
			if _, ok := ctx.variable(t); !ok {
				return false
			}
		}
	}
	for _, ts := range g.mids {
		for _, t := range ts {
			if t.kind != tokVar {
				continue
			}
			if _, ok := ctx.variable(t); !ok {
				return false
			}
		}
	}
	return true
}

func (g *glob) matchGeneral(s string, ctx *vars) bool {
	i := g.matchAt(g.head, s, 0, ctx)
	if i < 0 {
		return false
	}
	if !g.star {
		return i == len(s)
	}
	end := len(s)
	if len(g.tail) > 0 {
		end = g.matchBack(g.tail, s, end, ctx)
		if end < i {
			return false
		}
	}
	for _, m := range g.mids {
		j := g.find(m, s, i, end, ctx)
		if j < 0 {
			return false
		}
		i = j
	}
	return true
}

// matchAt matches ts at s[i:] and returns the end of the match or -1.
func (g *glob) matchAt(ts []token, s string, i int, ctx *vars) int {
	for _, t := range ts {
		switch t.kind {
		case tokLit:
			if !g.hasPrefix(s[i:], t.lit) {
				return -1
			}
			i += len(t.lit)
		case tokOne:
			if i >= len(s) {
				return -1
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		case tokVar:
			v, _ := ctx.variable(t)
			if !strings.HasPrefix(s[i:], v) {
				return -1
			}
			i += len(v)
		}
	}
	return i
}

// matchBack matches ts so that it ends at s[:end] and returns the start of
// the match or -1.
func (g *glob) matchBack(ts []token, s string, end int, ctx *vars) int {
	for k := len(ts) - 1; k >= 0; k-- {
		t := ts[k]
		switch t.kind {
		case tokLit:
			if end < len(t.lit) || !g.hasPrefix(s[end-len(t.lit):end], t.lit) {
				return -1
			}
			end -= len(t.lit)
		case tokOne:
			if end <= 0 {
				return -1
			}
			_, n := utf8.DecodeLastRuneInString(s[:end])
			end -= n
		case tokVar:
			v, _ := ctx.variable(t)
			if !strings.HasSuffix(s[:end], v) {
				return -1
			}
			end -= len(v)
		}
	}
	return end
}

// find places chunk ts at its leftmost position in s[from:end] and returns
// the end of the match or -1.
func (g *glob) find(ts []token, s string, from, end int, ctx *vars) int {
	if len(ts) == 1 && ts[0].kind == tokLit && !g.fold {
		k := strings.Index(s[from:end], ts[0].lit)
		if k < 0 {
			return -1
		}
		return from + k + len(ts[0].lit)
	}
	sub := s[:end]
	for p := from; p <= end; {
		if j := g.matchAt(ts, sub, p, ctx); j >= 0 {
			return j
		}
		if p == end {
			break
		}
		_, n := utf8.DecodeRuneInString(sub[p:])
		p += n
	}
	return -1
}

func (g *glob) hasPrefix(s, lit string) bool {
	if len(s) < len(lit) {
		return false
	}
	if g.fold {
		return equalFoldLower(s[:len(lit)], lit)
	}
	return s[:len(lit)] == lit
}

// equalFoldLower reports whether s equals lower, an ASCII-lower-cased
// string of the same length, ignoring ASCII case in s. It compares eight
// bytes at a time.
func equalFoldLower(s, lower string) bool {
	i := 0
	for ; i+8 <= len(lower); i += 8 {
		if lower64(load64(s, i)) != load64(lower, i) {
			return false
		}
	}
	for ; i < len(lower); i++ {
		if lowerTable[s[i]] != lower[i] {
			return false
		}
	}
	return true
}

// equalFoldASCII reports whether a and b are equal ignoring the case of
// ASCII letters only, as IAM compares its keywords: no other character
// folds ("ſ" is not "s", the Kelvin sign is not "K").
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerTable[a[i]] != lowerTable[b[i]] {
			return false
		}
	}
	return true
}

// load64 loads s[i:i+8] as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lower64 lower-cases the ASCII letters among the eight bytes of x.
func lower64(x uint64) uint64 {
	const ones = 0x0101010101010101
	heptets := x & (0x7f * ones)
	aboveZ := heptets + (0x7f-'Z')*ones // high bit set where byte > 'Z'
	fromA := heptets + (0x80-'A')*ones  // high bit set where byte >= 'A'
	upper := fromA &^ aboveZ &^ x & (0x80 * ones)
	return x | upper>>2
}

// lowerTable maps each byte to its ASCII lower case.
var lowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// lowerASCII lower-cases the ASCII letters of s.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
