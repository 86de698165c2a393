package artifact

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/artifactkit/artifactkit/artifact/audit"
)

// G5: a call's parameters reach its audit record complete and in order,
// whether they fit the call's own buffer or not.
func TestParamsKeepOrder(t *testing.T) {
	for n := range 9 {
		var p params
		var want []audit.Param
		for i := range n {
			ps := param(string(rune('a'+i)), "v")
			p.add(ps)
			want = append(want, ps)
		}
		if d := cmp.Diff(want, p.list(), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%d parameters (-want +got):\n%s", n, d)
		}
	}
	var p params
	p.add(param("a", "1"), param("b", "2"), param("c", "3"))
	p.add(param("d", "4"), param("e", "5"))
	want := []audit.Param{param("a", "1"), param("b", "2"), param("c", "3"), param("d", "4"), param("e", "5")}
	if d := cmp.Diff(want, p.list()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
