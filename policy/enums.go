package policy

import "fmt"

// Kind is the kind of a policy document. It decides which elements are
// allowed: Principal and NotPrincipal belong to resource policies only.
// The zero value is [Identity].
type Kind int

const (
	// Identity is an identity-based policy attached to a user, group or
	// role, or used as a permissions boundary.
	Identity Kind = iota
	// ServiceControl is an AWS Organizations service control policy (SCP).
	ServiceControl
	// Resource is a resource-based policy. It may name principals; the
	// Evaluator does not evaluate resource policies.
	Resource
)

var kindNames = [...]string{Identity: "identity", ServiceControl: "service-control", Resource: "resource"}

// IsValid reports whether k is one of the defined kinds.
func (k Kind) IsValid() bool { return k >= Identity && k <= Resource }

// String returns "identity", "service-control" or "resource".
func (k Kind) String() string {
	if !k.IsValid() {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText implements encoding.TextMarshaler; it refuses invalid kinds.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("policy: invalid kind %d", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// names.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("policy: unknown kind %q", b)
}

// Effect is a statement's effect, exactly as IAM spells it.
type Effect string

const (
	// EffectAllow grants the statement's actions.
	EffectAllow Effect = "Allow"
	// EffectDeny explicitly denies the statement's actions.
	EffectDeny Effect = "Deny"
)

// IsValid reports whether e is "Allow" or "Deny".
func (e Effect) IsValid() bool { return e == EffectAllow || e == EffectDeny }

// MarshalText implements encoding.TextMarshaler; it refuses invalid effects.
func (e Effect) MarshalText() ([]byte, error) {
	if !e.IsValid() {
		return nil, fmt.Errorf("policy: invalid effect %q", string(e))
	}
	return []byte(e), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; like IAM it accepts
// only "Allow" and "Deny", with that capitalization.
func (e *Effect) UnmarshalText(b []byte) error {
	v := Effect(b)
	if !v.IsValid() {
		return fmt.Errorf("policy: unknown effect %q", b)
	}
	*e = v
	return nil
}

// Decision is the outcome of evaluating a request. The zero value is
// [ImplicitDeny]: nothing allows the request.
type Decision int

const (
	// ImplicitDeny means no statement denies the request but some layer
	// (identity, SCP or boundary) does not allow it.
	ImplicitDeny Decision = iota
	// Allow means every layer allows the request and nothing denies it.
	Allow
	// ExplicitDeny means a Deny statement applies to the request.
	ExplicitDeny
)

// Names of decisions are those of IAM's policy simulator (EvalDecision).
var decisionNames = [...]string{ImplicitDeny: "implicitDeny", Allow: "allowed", ExplicitDeny: "explicitDeny"}

// IsValid reports whether d is one of the defined decisions.
func (d Decision) IsValid() bool { return d >= ImplicitDeny && d <= ExplicitDeny }

// String returns IAM's name of the decision: "allowed", "explicitDeny" or
// "implicitDeny".
func (d Decision) String() string {
	if !d.IsValid() {
		return fmt.Sprintf("Decision(%d)", int(d))
	}
	return decisionNames[d]
}

// MarshalText implements encoding.TextMarshaler.
func (d Decision) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("policy: invalid decision %d", int(d))
	}
	return []byte(decisionNames[d]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// names.
func (d *Decision) UnmarshalText(b []byte) error {
	for i, n := range decisionNames {
		if n == string(b) {
			*d = Decision(i)
			return nil
		}
	}
	return fmt.Errorf("policy: unknown decision %q", b)
}

// Layer names a layer of policies in an evaluation.
type Layer string

const (
	// LayerIdentity is the principal's identity policies.
	LayerIdentity Layer = "identity"
	// LayerSCP is the organization's service control policies.
	LayerSCP Layer = "scp"
	// LayerBoundary is the principal's permissions boundary.
	LayerBoundary Layer = "boundary"
)

// IsValid reports whether l is one of the defined layers.
func (l Layer) IsValid() bool {
	return l == LayerIdentity || l == LayerSCP || l == LayerBoundary
}

// MarshalText implements encoding.TextMarshaler.
func (l Layer) MarshalText() ([]byte, error) {
	if !l.IsValid() {
		return nil, fmt.Errorf("policy: invalid layer %q", string(l))
	}
	return []byte(l), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// names.
func (l *Layer) UnmarshalText(b []byte) error {
	v := Layer(b)
	if !v.IsValid() {
		return fmt.Errorf("policy: unknown layer %q", b)
	}
	*l = v
	return nil
}
