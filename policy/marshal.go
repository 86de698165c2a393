package policy

import (
	"bytes"
	"errors"
)

// MarshalJSON writes the document as IAM policy JSON. Elements written as
// a string or an array keep that shape; element order is IAM's (Version,
// Id, Statement; Sid, Effect, Principal, NotPrincipal, Action, NotAction,
// Resource, NotResource, Condition).
func (d *Document) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	sep := false
	field := func(name string) {
		if sep {
			b.WriteByte(',')
		}
		sep = true
		writeString(&b, name)
		b.WriteByte(':')
	}
	if d.Version != "" {
		field("Version")
		writeString(&b, d.Version)
	}
	if d.ID != "" {
		field("Id")
		writeString(&b, d.ID)
	}
	field("Statement")
	array := d.StatementArray || len(d.Statement) != 1
	if array {
		b.WriteByte('[')
	}
	for i := range d.Statement {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := d.Statement[i].write(&b); err != nil {
			return nil, err
		}
	}
	if array {
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (s *Statement) write(b *bytes.Buffer) error {
	if !s.Effect.IsValid() {
		return errors.New("policy: cannot marshal a statement with effect " + quote(string(s.Effect)))
	}
	b.WriteByte('{')
	sep := false
	field := func(name string) {
		if sep {
			b.WriteByte(',')
		}
		sep = true
		writeString(b, name)
		b.WriteByte(':')
	}
	if s.Sid != "" {
		field("Sid")
		writeString(b, s.Sid)
	}
	field("Effect")
	writeString(b, string(s.Effect))
	for _, p := range []struct {
		name string
		p    *Principal
	}{{"Principal", s.Principal}, {"NotPrincipal", s.NotPrincipal}} {
		if p.p != nil {
			field(p.name)
			p.p.write(b)
		}
	}
	for _, l := range []struct {
		name string
		l    List
	}{{"Action", s.Action}, {"NotAction", s.NotAction}, {"Resource", s.Resource}, {"NotResource", s.NotResource}} {
		if l.l.Values != nil {
			field(l.name)
			l.l.write(b)
		}
	}
	if len(s.Condition) > 0 {
		field("Condition")
		writeConditions(b, s.Condition)
	}
	b.WriteByte('}')
	return nil
}

func (l List) write(b *bytes.Buffer) {
	if len(l.Values) == 1 && !l.Array {
		writeString(b, l.Values[0])
		return
	}
	b.WriteByte('[')
	for i, v := range l.Values {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, v)
	}
	b.WriteByte(']')
}

func (p *Principal) write(b *bytes.Buffer) {
	if p.Wildcard {
		writeString(b, "*")
		return
	}
	b.WriteByte('{')
	for i, e := range p.Entries {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, e.Type)
		b.WriteByte(':')
		e.IDs.write(b)
	}
	b.WriteByte('}')
}

// writeConditions writes a condition block, grouping the keys of each
// operator under it in order of first appearance.
func writeConditions(b *bytes.Buffer, cs []Condition) {
	b.WriteByte('{')
	done := make([]bool, len(cs))
	firstOp := true
	for i := range cs {
		if done[i] {
			continue
		}
		if !firstOp {
			b.WriteByte(',')
		}
		firstOp = false
		writeString(b, cs[i].Operator)
		b.WriteString(":{")
		firstKey := true
		for j := i; j < len(cs); j++ {
			if done[j] || cs[j].Operator != cs[i].Operator {
				continue
			}
			done[j] = true
			if !firstKey {
				b.WriteByte(',')
			}
			firstKey = false
			writeString(b, cs[j].Key)
			b.WriteByte(':')
			cs[j].writeValues(b)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

func (c *Condition) writeValues(b *bytes.Buffer) {
	one := func(i int) {
		if i < len(c.literal) && c.literal[i] {
			b.WriteString(c.Values[i])
			return
		}
		writeString(b, c.Values[i])
	}
	if len(c.Values) == 1 && !c.Array {
		one(0)
		return
	}
	b.WriteByte('[')
	for i := range c.Values {
		if i > 0 {
			b.WriteByte(',')
		}
		one(i)
	}
	b.WriteByte(']')
}

// UnmarshalJSON parses data into d as [Parse] does, as a document of
// d.Kind (Identity for a zero Document). On error d is left unchanged.
func (d *Document) UnmarshalJSON(data []byte) error {
	p, err := Parse(data, d.Kind)
	if err != nil {
		return err
	}
	*d = *p
	return nil
}
