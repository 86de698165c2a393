package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/artifactkit/artifactkit/policy"
)

// The exit statuses.
const (
	exitAllowed = 0
	exitDenied  = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// fileList is a flag that may be repeated, collecting file names.
type fileList []string

// String implements flag.Value.
func (f *fileList) String() string { return strings.Join(*f, ", ") }

// Set implements flag.Value: it adds a file.
func (f *fileList) Set(name string) error {
	*f = append(*f, name)
	return nil
}

// contextFlag is the repeatable -context key=value flag. Repeating a key adds
// a value to it.
type contextFlag map[string][]string

// String implements flag.Value.
func (c contextFlag) String() string { return fmt.Sprint(map[string][]string(c)) }

// Set implements flag.Value: it adds a value to a key.
func (c contextFlag) Set(kv string) error {
	key, value, ok := strings.Cut(kv, "=")
	if !ok || key == "" {
		return fmt.Errorf("want key=value, got %q", kv)
	}
	c[key] = append(c[key], value)
	return nil
}

// document is a parsed policy and the file it came from.
type document struct {
	file  string
	layer policy.Layer
	doc   *policy.Document
}

// options are the command's flags.
type options struct {
	policies, scps fileList
	boundary       string
	action         string
	resource       string
	context        contextFlag
	root           bool
}

// run is the command: it parses args, evaluates the request, writes the
// report to stdout and errors to stderr, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	opts, ok := parseArgs(args, stderr)
	if !ok {
		return exitUsage
	}
	set, docs, err := loadSet(opts)
	if err != nil {
		return fail(stderr, err)
	}
	e, err := policy.Compile(set)
	if err != nil {
		return fail(stderr, fmt.Errorf("compile: %w", err))
	}
	req := &policy.Request{Action: opts.action, Resource: opts.resource, Context: policy.NewContext(opts.context)}
	x := e.Explain(req)
	report(stdout, req, x, docs)
	if x.Decision == policy.Allow {
		return exitAllowed
	}
	return exitDenied
}

// parseArgs parses the command line. On a usage error it explains the
// problem and the usage on stderr and returns false.
func parseArgs(args []string, stderr io.Writer) (options, bool) {
	opts := options{context: contextFlag{}}
	fs := flag.NewFlagSet("policycheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: policycheck -policy FILE [-scp FILE ...] [-boundary FILE] -action ACTION -resource ARN [-context key=value ...] [-root]")
		fs.PrintDefaults()
	}
	fs.Var(&opts.policies, "policy", "identity policy `file` (repeatable)")
	fs.Var(&opts.scps, "scp", "service control policy `file` of the account's organization level (repeatable)")
	fs.StringVar(&opts.boundary, "boundary", "", "permissions boundary policy `file`")
	fs.StringVar(&opts.action, "action", "", "the IAM `action` requested, e.g. artifact:GetReport")
	fs.StringVar(&opts.resource, "resource", "", "the resource `ARN` requested, or * for actions on no resource")
	fs.Var(opts.context, "context", "a condition key of the request, as `key=value` (repeat a key for several values)")
	fs.BoolVar(&opts.root, "root", false, "evaluate for the account's root user")
	if err := fs.Parse(args); err != nil {
		return opts, false // the flag package has printed the error and usage
	}
	var problem string
	switch {
	case fs.NArg() > 0:
		problem = fmt.Sprintf("unexpected argument %q", fs.Arg(0))
	case len(opts.policies) == 0 && !opts.root:
		problem = "at least one -policy is needed (or -root)"
	case opts.action == "":
		problem = "-action is required"
	case opts.resource == "":
		problem = "-resource is required (* for actions on no resource)"
	default:
		return opts, true
	}
	fmt.Fprintf(stderr, "policycheck: %s\n", problem)
	fs.Usage()
	return opts, false
}

// loadSet reads the policy files named by opts into a policy.Set, and
// returns the documents in layer order with their files.
func loadSet(opts options) (policy.Set, []document, error) {
	set := policy.Set{Root: opts.root}
	var docs []document
	load := func(file string, layer policy.Layer, kind policy.Kind) (*policy.Document, error) {
		d, err := readPolicy(file, kind)
		if err != nil {
			return nil, err
		}
		docs = append(docs, document{file: file, layer: layer, doc: d})
		return d, nil
	}
	for _, file := range opts.policies {
		d, err := load(file, policy.LayerIdentity, policy.Identity)
		if err != nil {
			return set, nil, err
		}
		set.Identity = append(set.Identity, d)
	}
	if len(opts.scps) > 0 {
		// All the SCPs given form one level of the organization.
		var level []*policy.Document
		for _, file := range opts.scps {
			d, err := load(file, policy.LayerSCP, policy.ServiceControl)
			if err != nil {
				return set, nil, err
			}
			level = append(level, d)
		}
		set.SCPs = [][]*policy.Document{level}
	}
	if opts.boundary != "" {
		d, err := load(opts.boundary, policy.LayerBoundary, policy.Identity)
		if err != nil {
			return set, nil, err
		}
		set.Boundary = d
	}
	return set, docs, nil
}

// readPolicy reads and parses the policy document in file.
func readPolicy(file string, kind policy.Kind) (*policy.Document, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err // *fs.PathError names the file
	}
	d, err := policy.Parse(data, kind)
	if err != nil {
		// A *policy.ParseError names the JSON path of the element.
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return d, nil
}

// fail prints err and returns the usage exit status.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "policycheck: %v\n", err)
	return exitUsage
}

// report writes the decision, the matching statements (with the file of
// each) and the validation findings of every document.
func report(w io.Writer, req *policy.Request, x policy.Explanation, docs []document) {
	fmt.Fprintf(w, "request: %s on %s\n", req.Action, req.Resource)
	if name := strings.ToLower(req.Action); strings.HasPrefix(name, "artifact:") {
		if _, ok := policy.LookupAction(name); !ok {
			fmt.Fprintf(w, "note: %s is not an action of AWS Artifact\n", req.Action)
		}
	}
	fmt.Fprintf(w, "decision: %s", x.Decision)
	if x.Missing != "" {
		fmt.Fprintf(w, " (no statement of the %s layer allows the request)", x.Missing)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "matching statements:")
	if len(x.Matches) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, m := range x.Matches {
		fmt.Fprintf(w, "  %-5s %s in %s\n", m.Effect, m, fileOf(m, docs))
	}

	fmt.Fprintln(w, "findings:")
	for _, d := range docs {
		findings := policy.Validate(d.doc)
		if len(findings) == 0 {
			fmt.Fprintf(w, "  %s: none\n", d.file)
			continue
		}
		fmt.Fprintf(w, "  %s:\n", d.file)
		for _, f := range findings {
			fmt.Fprintf(w, "    %s\n", f)
		}
	}
}

// fileOf returns the file holding the statement m names. Policies of a layer
// are numbered in the order they were given, as Match.Policy counts them.
func fileOf(m policy.Match, docs []document) string {
	i := 0
	for _, d := range docs {
		if d.layer != m.Layer {
			continue
		}
		if i == m.Policy {
			return d.file
		}
		i++
	}
	return "?"
}
