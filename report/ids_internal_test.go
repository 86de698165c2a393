package report

import "testing"

// isAlnum's bit masks agree with the plain definition on every byte.
func TestIsAlnumEveryByte(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
		if got := isAlnum(b); got != want {
			t.Errorf("isAlnum(%q) = %v, want %v", b, got, want)
		}
	}
}
