package org

import "time"

// ChangeKind says how an account's membership changed. The zero value is
// not valid.
type ChangeKind string

// The membership changes.
const (
	// Founded: the account created the organization and is its management
	// account.
	Founded ChangeKind = "FOUNDED"
	// Created: the management account created the account inside the
	// organization.
	Created ChangeKind = "CREATED"
	// Joined: the account was invited and accepted.
	Joined ChangeKind = "JOINED"
	// Left: the account left the organization.
	Left ChangeKind = "LEFT"
	// Removed: the management account removed the account.
	Removed ChangeKind = "REMOVED"
)

// IsValid reports whether k is one of the kinds above.
func (k ChangeKind) IsValid() bool {
	switch k {
	case Founded, Created, Joined, Left, Removed:
		return true
	}
	return false
}

// Enters reports whether k puts the account into an organization.
func (k ChangeKind) Enters() bool { return k == Founded || k == Created || k == Joined }

// String returns k's name.
func (k ChangeKind) String() string { return string(k) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (k ChangeKind) MarshalText() ([]byte, error) {
	if !k.IsValid() {
		return nil, &ParseError{What: "change kind", Input: string(k), Reason: "want FOUNDED, CREATED, JOINED, LEFT or REMOVED"}
	}
	return []byte(k), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (k *ChangeKind) UnmarshalText(b []byte) error {
	v := ChangeKind(b)
	if !v.IsValid() {
		return &ParseError{What: "change kind", Input: string(b), Reason: "want FOUNDED, CREATED, JOINED, LEFT or REMOVED"}
	}
	*k = v
	return nil
}

// Change is one dated entry of an account's membership history: the account
// entered or left organization Org at At. An account's changes alternate
// between entering and leaving; moving between organizations is a Left and
// a Joined at the same instant.
type Change struct {
	// Account is the account whose membership changed.
	Account AccountID
	// Kind says how it changed: it entered Org or left it.
	Kind ChangeKind
	Org  ID        // the organization entered or left
	At   time.Time // UTC; never before the account's previous change
	// Seq is the change's position in the account's history, from 1. A
	// store appends a change only if it is the next one (optimistic
	// locking).
	Seq uint64
}

// Membership is where an account stands at an instant.
type Membership struct {
	// Account is the account the membership is of.
	Account AccountID
	// Org is the organization the account is in, or "" when it is in
	// none.
	Org ID
	// Last is the latest change at or before the instant: the one that
	// put the account in Org, or that took it out of its last
	// organization. It is the zero Change when the account was never in
	// an organization by then.
	Last Change
}

// InOrganization reports whether the account is in an organization.
func (m Membership) InOrganization() bool { return m.Org != "" }

// Since returns when the account entered Org, or left its last
// organization; the zero time when it never was in one.
func (m Membership) Since() time.Time { return m.Last.At }
