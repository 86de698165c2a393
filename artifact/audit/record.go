package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Decision is the outcome of authorizing a call, as the trail records it.
type Decision string

// The decisions a record carries.
const (
	// Allowed: the caller's policies allowed the call; the call itself may
	// still have failed (see Record.ErrorCode).
	Allowed Decision = "Allowed"
	// Denied: the call was refused by authorization.
	Denied Decision = "Denied"
)

// IsValid reports whether d is one of the defined decisions.
func (d Decision) IsValid() bool { return d == Allowed || d == Denied }

// Hash is a SHA-256 digest linking records into a chain.
type Hash [sha256.Size]byte

// String returns the digest in lower-case hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Param is one request parameter of a call, as CloudTrail's
// requestParameters would show it. Parameters keep their order.
type Param struct {
	// Name is the parameter's name as the API spells it, such as "reportId".
	Name string
	// Value is the parameter's value as text, such as "3".
	Value string
}

// Entry is what a caller of Log.Append provides: the facts of one call.
type Entry struct {
	// EventName is the operation as CloudTrail names it, e.g. "GetReport".
	EventName string
	// Principal is the caller's ARN (or "root" for an account's root user).
	Principal string
	// Account is the caller's 12-digit account id; empty for a call of
	// the service's own side.
	Account aws.AccountID
	// Resource is the ARN the call was authorized on ("*" when none).
	Resource string
	// Action is the IAM action evaluated, e.g. "artifact:GetReport".
	Action string
	// Decision says whether authorization allowed the call.
	Decision Decision
	// ErrorCode is the AWS error type the call failed with, empty on success.
	ErrorCode string
	// ErrorMessage is the message of that error, empty on success.
	ErrorMessage string
	// Params are the request parameters, in the order the call took them.
	Params []Param
	// Time is when the call happened.
	Time time.Time
}

// Record is an Entry as stored: numbered and chained to the record before.
// Seq starts at 1 and has no holes; Prev is the Hash of record Seq-1 (zero
// for the first record); Hash covers every other field, Prev included.
type Record struct {
	Entry
	// Seq is the record's position in the log: 1 for the first, no holes.
	Seq uint64
	// Prev is the Hash of record Seq-1; zero for the first record.
	Prev Hash
	// Hash is the SHA-256 of the record's other fields, Prev included.
	Hash Hash
}

// digest computes the hash a record should carry: the SHA-256 of its
// contents (its strings and parameters, each length-prefixed, and its
// time) followed by its Seq and Prev. The contents come first so that a
// Log can hash them before it knows where the record goes in the chain.
func (r *Record) digest() Hash {
	var scratch [512]byte
	b := r.appendContents(scratch[:0])
	b = binary.BigEndian.AppendUint64(b, r.Seq)
	b = append(b, r.Prev[:]...)
	return sha256.Sum256(b)
}

// appendContents appends what digest hashes before the Seq and Prev.
func (r *Record) appendContents(b []byte) []byte {
	b = appendField(b, r.EventName)
	b = appendField(b, r.Principal)
	b = appendField(b, string(r.Account))
	b = appendField(b, r.Resource)
	b = appendField(b, r.Action)
	b = appendField(b, string(r.Decision))
	b = appendField(b, r.ErrorCode)
	b = appendField(b, r.ErrorMessage)
	b = appendLen(b, len(r.Params))
	for i := range r.Params {
		p := &r.Params[i]
		b = appendField(b, p.Name)
		b = appendField(b, p.Value)
	}
	return binary.BigEndian.AppendUint64(b, uint64(r.Time.UnixNano()))
}

// A hasher computes digests in two steps, so that a Log hashes a record's
// contents outside its lock and only the Seq and Prev inside it.
type hasher struct {
	h   hash.Hash
	buf []byte
}

// contents starts the digest of r with its contents.
func (h *hasher) contents(r *Record) {
	if h.h == nil {
		h.h = sha256.New()
	}
	h.h.Reset()
	h.buf = r.appendContents(h.buf[:0])
	h.h.Write(h.buf)
}

// finish ends the digest started by contents with seq and prev. It may be
// called once per contents.
func (h *hasher) finish(seq uint64, prev Hash) Hash {
	b := binary.BigEndian.AppendUint64(h.buf[:0], seq)
	b = append(b, prev[:]...)
	h.h.Write(b)
	var out Hash
	h.buf = h.h.Sum(b[:0])
	copy(out[:], h.buf)
	return out
}

// appendField writes s length-prefixed, so that no two different records
// encode to the same bytes.
func appendField(b []byte, s string) []byte {
	return append(appendLen(b, len(s)), s...)
}

// appendLen writes n as a uvarint; most lengths take one byte.
func appendLen(b []byte, n int) []byte {
	if n < 0x80 {
		return append(b, byte(n))
	}
	return binary.AppendUvarint(b, uint64(n))
}
