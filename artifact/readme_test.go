package artifact_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// README's "In code" is the body of Example_inCode, which go test runs:
// the copy in README cannot drift from code that compiles and prints what
// README says it prints (issue 13, item 16).
func TestREADMEQuotesTheExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	src, err := os.ReadFile("readme_example_test.go")
	require.NoError(t, err)
	example := string(src)
	start := strings.Index(example, "func Example_inCode() {\n")
	end := strings.Index(example, "\t// Output:\n")
	require.True(t, start >= 0 && end > start, "Example_inCode and its output")
	var body, output []string
	for _, l := range strings.Split(strings.TrimRight(example[start+len("func Example_inCode() {\n"):end], "\n"), "\n") {
		body = append(body, strings.TrimPrefix(l, "\t"))
	}
	for _, l := range strings.Split(example[end+len("\t// Output:\n"):], "\n") {
		if !strings.HasPrefix(l, "\t// ") {
			break
		}
		output = append(output, strings.TrimPrefix(l, "\t// "))
	}
	section := string(readme)
	i := strings.Index(section, "## In code")
	require.GreaterOrEqual(t, i, 0, "README has its In code section")
	section = section[i:]
	require.Contains(t, section, "```go\n"+strings.Join(body, "\n")+"\n```", "README quotes Example_inCode's body")
	require.Contains(t, section, "```text\n"+strings.Join(output, "\n")+"\n```", "README shows what Example_inCode prints")
}
