package policy

import (
	"bytes"
	"encoding/json"
)

// member is one name/value pair of a JSON object, in document order.
type member struct {
	key string
	raw json.RawMessage
}

// jsonType names the JSON type of raw the way IAM's messages do.
func jsonType(raw []byte) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	default:
		return "number"
	}
}

// objectMembers returns the members of the JSON object raw in order. It
// refuses duplicate names, as IAM does.
func objectMembers(raw []byte, path string) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	t, err := dec.Token()
	if err != nil {
		return nil, &ParseError{Path: path, Reason: "malformed json: " + err.Error()}
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return nil, &ParseError{Path: path, Reason: "found data type " + jsonType(raw) + ", allowed type is object"}
	}
	var out []member
	// seen holds the names once there are too many to compare one by
	// one, so that the check stays linear in the number of names.
	var seen map[string]struct{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, &ParseError{Path: path, Reason: "malformed json: " + err.Error()}
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, &ParseError{Path: join(path, key), Reason: "malformed json: " + err.Error()}
		}
		dup := false
		switch {
		case seen != nil:
			_, dup = seen[key]
			seen[key] = struct{}{}
		case len(out) < smallObject:
			for _, m := range out {
				dup = dup || m.key == key
			}
		default:
			seen = make(map[string]struct{}, 2*smallObject)
			for _, m := range out {
				seen[m.key] = struct{}{}
			}
			_, dup = seen[key]
			seen[key] = struct{}{}
		}
		if dup {
			return nil, &ParseError{Path: join(path, key), Reason: "duplicate element"}
		}
		out = append(out, member{key: key, raw: v})
	}
	return out, nil
}

// smallObject is the number of names up to which objectMembers looks for
// a duplicate name by comparing it with each earlier one.
const smallObject = 8

// arrayElems returns the elements of the JSON array raw.
func arrayElems(raw []byte, path string) ([]json.RawMessage, error) {
	var out []json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, &ParseError{Path: path, Reason: "malformed json: " + err.Error()}
	}
	return out, nil
}

// join appends a member name to a JSON path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// writeString writes s as a JSON string without HTML escaping.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
