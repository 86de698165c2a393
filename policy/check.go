package policy

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// check reports why d is not a document [Parse] could have returned for
// its kind, with Parse's paths and reasons, or returns nil. It applies
// Parse's rules to the document's values, so that [Compile] accepts
// exactly the documents Parse accepts, whether parsed or built by hand,
// without writing and re-reading them. A policy is JSON text, so every
// string must be valid UTF-8 (Parse never returns one that is not).
func (d *Document) check() error {
	if !d.Kind.IsValid() {
		return &ParseError{Reason: fmt.Sprintf("unknown policy kind %d", int(d.Kind))}
	}
	if d.Version != "" && d.Version != Version20121017 && d.Version != Version20081017 {
		return &ParseError{Path: "Version", Reason: fmt.Sprintf("version %s is not %s or %s", quote(d.Version), Version20121017, Version20081017)}
	}
	if !utf8.ValidString(d.ID) {
		return notUTF8("Id")
	}
	for i := range d.Statement {
		if err := d.Statement[i].check(fmt.Sprintf("Statement[%d]", i), d.Kind); err != nil {
			return err
		}
	}
	return nil
}

func (s *Statement) check(path string, kind Kind) error {
	if !utf8.ValidString(s.Sid) {
		return notUTF8(join(path, "Sid"))
	}
	switch {
	case s.Effect == "":
		return &ParseError{Path: path, Reason: `effect must be present and exactly "Allow" or "Deny"`}
	case !s.Effect.IsValid():
		return &ParseError{Path: join(path, "Effect"), Reason: `effect must be exactly "Allow" or "Deny"`}
	}
	for _, p := range []struct {
		name string
		p    *Principal
	}{{"Principal", s.Principal}, {"NotPrincipal", s.NotPrincipal}} {
		if p.p == nil {
			continue
		}
		if kind != Resource {
			return &ParseError{Path: join(path, p.name), Reason: fmt.Sprintf("%s is not allowed in %s policies", strings.ToLower(p.name[:1])+p.name[1:], kind)}
		}
		if err := p.p.check(join(path, p.name)); err != nil {
			return err
		}
	}
	for _, l := range []struct {
		name string
		l    List
	}{{"Action", s.Action}, {"NotAction", s.NotAction}, {"Resource", s.Resource}, {"NotResource", s.NotResource}} {
		for i, v := range l.l.Values {
			switch {
			case !utf8.ValidString(v):
				return notUTF8(listPath(join(path, l.name), l.l, i))
			case v == "" && strings.HasSuffix(l.name, "Resource"):
				return &ParseError{Path: listPath(join(path, l.name), l.l, i), Reason: "resource is empty"}
			}
		}
	}
	seen := map[[2]string]bool{}
	for _, c := range s.Condition {
		opPath := join(join(path, "Condition"), c.Operator)
		keyPath := join(opPath, c.Key)
		switch _, ok := parseOperator(c.Operator); {
		case !utf8.ValidString(c.Operator):
			return notUTF8(opPath)
		case !ok:
			return &ParseError{Path: opPath, Reason: fmt.Sprintf("unknown condition operator %s", quote(c.Operator))}
		case !utf8.ValidString(c.Key):
			return notUTF8(keyPath)
		case strings.IndexByte(c.Key, ':') <= 0:
			return &ParseError{Path: keyPath, Reason: fmt.Sprintf("condition key %s must be prefixed by a service, e.g. aws:SourceIp", quote(c.Key))}
		case seen[[2]string{c.Operator, c.Key}]:
			return &ParseError{Path: keyPath, Reason: "duplicate element"}
		case len(c.Values) == 0:
			return &ParseError{Path: keyPath, Reason: "condition value list is empty"}
		}
		seen[[2]string{c.Operator, c.Key}] = true
		for _, v := range c.Values {
			if !utf8.ValidString(v) {
				return notUTF8(keyPath)
			}
		}
	}
	if err := exactlyOne(path, "Action", "NotAction", s.Action, s.NotAction); err != nil {
		return err
	}
	if err := exactlyOne(path, "Resource", "NotResource", s.Resource, s.NotResource); err != nil {
		return err
	}
	if kind == Resource && (s.Principal == nil) == (s.NotPrincipal == nil) {
		if s.Principal == nil {
			return &ParseError{Path: path, Reason: "a resource policy statement needs Principal or NotPrincipal"}
		}
		return &ParseError{Path: path, Reason: "only one of Principal or NotPrincipal is allowed, found both"}
	}
	return nil
}

func (p *Principal) check(path string) error {
	if p.Wildcard {
		return nil // written as "*", whatever Entries holds
	}
	if len(p.Entries) == 0 {
		return &ParseError{Path: path, Reason: "principal is empty"}
	}
	seen := map[string]bool{}
	for _, e := range p.Entries {
		ep := join(path, e.Type)
		known := false
		for _, t := range principalTypes {
			known = known || t == e.Type
		}
		switch {
		case !known:
			return &ParseError{Path: ep, Reason: "unknown principal type"}
		case seen[e.Type]:
			return &ParseError{Path: ep, Reason: "duplicate element"}
		case len(e.IDs.Values) == 0:
			return &ParseError{Path: ep, Reason: "list is empty"}
		}
		seen[e.Type] = true
		for i, id := range e.IDs.Values {
			if !utf8.ValidString(id) {
				return notUTF8(listPath(ep, e.IDs, i))
			}
		}
	}
	return nil
}

func notUTF8(path string) error {
	return &ParseError{Path: path, Reason: "not valid utf-8"}
}
