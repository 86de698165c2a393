package aws

// Enum is the constraint of AWS's string enumerations: a string type that
// knows its closed set of values.
type Enum interface {
	~string
	// IsValid reports whether the value is one of the enumeration's values.
	IsValid() bool
}

// MarshalEnum implements MarshalText for an enumeration whose member is
// named kind (its wire name, e.g. "status"): it refuses a value outside
// the closed set with a *ValidationError naming kind.
func MarshalEnum[T Enum](v T, kind string) ([]byte, error) {
	if !v.IsValid() {
		return nil, InvalidField(kind, "unknown value %s", Quote(string(v)))
	}
	return []byte(v), nil
}

// UnmarshalEnum implements UnmarshalText for an enumeration whose member
// is named kind: it refuses a value outside the closed set with a
// *ValidationError naming kind, and leaves *p unchanged then.
func UnmarshalEnum[T Enum](p *T, text []byte, kind string) error {
	v := T(text)
	if !v.IsValid() {
		return InvalidField(kind, "unknown value %s", Quote(string(text)))
	}
	*p = v
	return nil
}
