package policy_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

func TestContext(t *testing.T) {
	c := policy.NewContext(map[string][]string{
		"aws:TagKeys":  {"a"},
		"AWS:TagKeys":  {"b"},
		"aws:SourceIp": {"203.0.113.7"},
		"aws:Empty":    {},
	})
	require.Equal(t, 3, c.Len())
	v, ok := c.Lookup("aws:tagkeys")
	require.True(t, ok)
	require.ElementsMatch(t, []string{"a", "b"}, v)
	v, ok = c.Lookup("aws:empty")
	require.True(t, ok)
	require.Empty(t, v)
	_, ok = c.Lookup("aws:missing")
	require.False(t, ok)

	// With leaves the receiver alone.
	d := c.With("artifact:ReportSeries", "SOC")
	_, ok = c.Lookup("artifact:ReportSeries")
	require.False(t, ok)
	v, _ = d.Lookup("ARTIFACT:reportseries")
	require.Equal(t, []string{"SOC"}, v)
	e := d.With("aws:sourceip", "10.0.0.1")
	v, _ = d.Lookup("aws:SourceIp")
	require.Equal(t, []string{"203.0.113.7"}, v)
	v, _ = e.Lookup("aws:SourceIp")
	require.Equal(t, []string{"10.0.0.1"}, v)

	// Set and Delete change the receiver.
	d.Set("aws:SourceIp", "198.51.100.1", "198.51.100.2")
	v, _ = d.Lookup("aws:sourceip")
	require.Equal(t, []string{"198.51.100.1", "198.51.100.2"}, v)
	d.Delete("AWS:SOURCEIP")
	_, ok = d.Lookup("aws:SourceIp")
	require.False(t, ok)
	d.Delete("aws:never")
	require.Equal(t, []string{"AWS:TagKeys", "artifact:ReportSeries", "aws:Empty"}, d.Keys())

	var zero policy.Context
	require.Equal(t, 0, zero.Len())
	zero.Set("aws:username", "alice")
	v, _ = zero.Lookup("aws:username")
	require.Equal(t, []string{"alice"}, v)
}

// Contexts with many keys index them; lookups behave the same.
func TestContextManyKeys(t *testing.T) {
	kv := map[string][]string{}
	for i := range 40 {
		kv[fmt.Sprintf("aws:PrincipalTag/K%d", i)] = []string{fmt.Sprint(i)}
	}
	c := policy.NewContext(kv)
	for i := range 40 {
		v, ok := c.Lookup(fmt.Sprintf("aws:principaltag/k%d", i))
		require.True(t, ok)
		require.Equal(t, []string{fmt.Sprint(i)}, v)
	}
	c.Delete("aws:PrincipalTag/K3")
	_, ok := c.Lookup("aws:PrincipalTag/K3")
	require.False(t, ok)
	v, _ := c.Lookup("aws:PrincipalTag/K39")
	require.Equal(t, []string{"39"}, v)
	c.Set("aws:PrincipalTag/new", "x")
	c.Set("aws:PrincipalTag/K4", "four")
	d := c.With("aws:PrincipalTag/K5", "five")
	v, _ = d.Lookup("aws:PrincipalTag/K5")
	require.Equal(t, []string{"five"}, v)
	v, _ = c.Lookup("aws:PrincipalTag/K5")
	require.Equal(t, []string{"5"}, v)
	v, _ = c.Lookup("aws:PrincipalTag/K4")
	require.Equal(t, []string{"four"}, v)
	require.Equal(t, 40, c.Len())

	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/k39":"39","aws:PrincipalTag/new":"x"}}}]}`), policy.Identity)}})
	require.NoError(t, err)
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: "*", Context: c}))
}
