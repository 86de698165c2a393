package inquiry

import (
	"maps"
	"slices"
	"strings"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Tag limits of AWS's model (TagsMap, TagKey, TagValue, TagKeys).
const (
	// MaxTags is the most tags a resource holds, and the most a request
	// names.
	MaxTags = 50
	// MaxTagKeyLen is the longest tag key, in characters (at least 1).
	MaxTagKeyLen = 128
	// MaxTagValueLen is the longest tag value, in characters (empty is
	// allowed).
	MaxTagValueLen = 256
	// ReservedPrefix starts the tag keys AWS reserves for itself, in any
	// letter case.
	ReservedPrefix = "aws:"
)

// Tags are the tags of a compliance inquiry: keys to values. Keys are
// case-sensitive, as AWS's are. A nil Tags is empty.
type Tags map[string]string

// Keys returns the tag keys, sorted.
func (t Tags) Keys() []string { return slices.Sorted(maps.Keys(t)) }

// Clone returns a copy of t that shares no memory with it; nil for an
// empty t.
func (t Tags) Clone() Tags {
	if len(t) == 0 {
		return nil
	}
	return maps.Clone(t)
}

// Equal reports whether t and u hold the same tags.
func (t Tags) Equal(u Tags) bool { return maps.Equal(t, u) }

// ValidateTags checks tags as a request carries them (field is its name,
// "tags"): at most MaxTags, each key 1 to 128 characters and each value 0
// to 256 of AWS's set (letters, digits, white space and _ . : / = + - @),
// no key with the reserved prefix "aws:".
func ValidateTags(field string, tags Tags) error {
	var fe aws.ValidationError
	if len(tags) > MaxTags {
		fe.Add(field, "%d tags; at most %d", len(tags), MaxTags)
	}
	for _, k := range tags.Keys() {
		if msg := checkTagKey(k); msg != "" {
			fe.Add(field, "key %q %s", aws.Clip(k), msg)
		}
		if msg := checkTagValue(tags[k]); msg != "" {
			fe.Add(field, "value of %q %s", aws.Clip(k), msg)
		}
	}
	return fe.Err()
}

// ValidateTagKeys checks the tag keys of an UntagResource request (field
// is their name, "tagKeys"): 1 to MaxTags keys, each 1 to 128 characters of
// AWS's set, none reserved.
func ValidateTagKeys(field string, keys []string) error {
	var fe aws.ValidationError
	switch {
	case len(keys) == 0:
		fe.Add(field, "at least one tag key is required")
	case len(keys) > MaxTags:
		fe.Add(field, "%d tag keys; at most %d", len(keys), MaxTags)
	}
	for _, k := range keys {
		if msg := checkTagKey(k); msg != "" {
			fe.Add(field, "key %q %s", aws.Clip(k), msg)
		}
	}
	return fe.Err()
}

// checkTagKey returns why k is not a valid tag key, or "". The characters
// are checked before the length: a key of characters outside the set is
// refused for them, whatever its length, and one within it is ASCII, so
// its length in bytes is its length in characters.
func checkTagKey(k string) string {
	switch {
	case k == "":
		return "is empty"
	case !tagChars(k):
		return badTagChars
	case len(k) > MaxTagKeyLen:
		return "is longer than 128 characters"
	case hasReservedPrefix(k):
		return "starts with the reserved prefix aws:"
	}
	return ""
}

// checkTagValue returns why v is not a valid tag value, or "", checking
// its characters first as checkTagKey does.
func checkTagValue(v string) string {
	switch {
	case !tagChars(v):
		return badTagChars
	case len(v) > MaxTagValueLen:
		return "is longer than 256 characters"
	}
	return ""
}

// badTagChars says a tag key or value holds a character outside AWS's set.
const badTagChars = "holds a character outside ASCII letters, digits, white space and _ . : / = + - @"

// hasReservedPrefix reports whether k starts with "aws:" in any case.
func hasReservedPrefix(k string) bool {
	return len(k) >= len(ReservedPrefix) && strings.EqualFold(k[:len(ReservedPrefix)], ReservedPrefix)
}

// tagChars reports whether s holds only the characters of AWS's tag
// pattern [a-zA-Z0-9\s_.:/=+\-@]. Every one of them is ASCII, so a length
// in bytes is a length in characters.
func tagChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlnum(c):
		case c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
		case c == '_', c == '.', c == ':', c == '/', c == '=', c == '+', c == '-', c == '@':
		default:
			return false
		}
	}
	return true
}

// merge returns t with add's tags added or replacing t's, and an error
// when the result would exceed MaxTags.
func (t Tags) merge(add Tags) (Tags, error) {
	out := make(Tags, len(t)+len(add))
	maps.Copy(out, t)
	maps.Copy(out, add)
	if len(out) > MaxTags {
		return nil, aws.InvalidField("tags", "the resource would have %d tags; at most %d", len(out), MaxTags)
	}
	return out.Clone(), nil
}

// without returns t without the keys; absent keys are ignored.
func (t Tags) without(keys []string) Tags {
	out := maps.Clone(t)
	for _, k := range keys {
		delete(out, k)
	}
	return out.Clone()
}
