package inquiry

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// requestDigest hashes the fields of a request, to tell a retry under a
// client token from a different request. It is injective on what it is
// given: every field is written after its length, and every list after
// its count, so that no two different sequences of fields and lists hash
// alike (a field cannot run into the next, a list into the one after it).
type requestDigest struct{ h hash.Hash }

func newRequestDigest() requestDigest { return requestDigest{sha256.New()} }

// uint writes n in eight bytes.
func (d requestDigest) uint(n uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	d.h.Write(b[:])
}

// count writes the number of elements of the list that follows.
func (d requestDigest) count(n int) { d.uint(uint64(n)) }

// int writes a number field.
func (d requestDigest) int(n int) { d.uint(uint64(int64(n))) }

// bytes writes a field of bytes as they are, after their length: the
// content of a file is not copied.
func (d requestDigest) bytes(b []byte) {
	d.uint(uint64(len(b)))
	d.h.Write(b)
}

// string writes a string field after its length.
func (d requestDigest) string(s string) {
	d.uint(uint64(len(s)))
	io.WriteString(d.h, s)
}

// strings writes a list of strings: its count, then each.
func (d requestDigest) strings(list []string) {
	d.count(len(list))
	for _, s := range list {
		d.string(s)
	}
}

// tags writes tags: their count, then each key and value, by key.
func (d requestDigest) tags(t Tags) {
	d.count(len(t))
	for _, k := range t.Keys() {
		d.string(k)
		d.string(t[k])
	}
}

// sum returns the digest.
func (d requestDigest) sum() aws.Digest {
	var out aws.Digest
	d.h.Sum(out[:0])
	return out
}
