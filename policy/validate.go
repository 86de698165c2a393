package policy

import (
	"fmt"
	"strings"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Severity is the severity of a validation finding. The values are those
// of IAM Access Analyzer's policy checks.
type Severity string

const (
	// SeverityError reports a statement that does not do what it says,
	// such as an action that does not exist.
	SeverityError Severity = "ERROR"
	// SeveritySecurityWarning reports a statement that grants more than
	// it seems to.
	SeveritySecurityWarning Severity = "SECURITY_WARNING"
	// SeverityWarning reports a statement that is valid but unlikely to
	// be what was meant.
	SeverityWarning Severity = "WARNING"
	// SeveritySuggestion reports an improvement.
	SeveritySuggestion Severity = "SUGGESTION"
)

// IsValid reports whether s is one of the defined severities.
func (s Severity) IsValid() bool {
	switch s {
	case SeverityError, SeveritySecurityWarning, SeverityWarning, SeveritySuggestion:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) {
	if !s.IsValid() {
		return nil, fmt.Errorf("policy: invalid severity %q", string(s))
	}
	return []byte(s), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// severities.
func (s *Severity) UnmarshalText(b []byte) error {
	v := Severity(b)
	if !v.IsValid() {
		return fmt.Errorf("policy: unknown severity %q", b)
	}
	*s = v
	return nil
}

// Codes of validation findings.
const (
	// CodeUnknownAction: an artifact:* action (or pattern) that names no
	// action of the catalog, e.g. artifact:GetReports.
	CodeUnknownAction = "UNKNOWN_ACTION"
	// CodeLegacyAction: artifact:Get or artifact:DownloadAgreement, the
	// deprecated legacy actions (rule G6).
	CodeLegacyAction = "LEGACY_ACTION"
	// CodeUnknownConditionKey: an artifact: condition key that does not
	// exist.
	CodeUnknownConditionKey = "UNKNOWN_CONDITION_KEY"
	// CodeUnsupportedConditionKey: a condition key the statement's action
	// never has in its request context, e.g. artifact:ReportSeries with
	// artifact:ListReports (rule G7). A condition on it never matches (or,
	// negated, always does).
	CodeUnsupportedConditionKey = "UNSUPPORTED_CONDITION_KEY"
	// CodeUnmatchableResource: a resource that can never match any of the
	// statement's actions, e.g. an agreement ARN for artifact:GetReport or
	// any ARN for artifact:ListReports (requested on "*").
	CodeUnmatchableResource = "UNMATCHABLE_RESOURCE"
	// CodeMalformedARN: a resource that is neither "*" nor an ARN.
	CodeMalformedARN = "MALFORMED_ARN"
	// CodeTypeMismatch: a condition value that cannot be read as its
	// operator's type (a number, a date, a CIDR block, true/false,
	// base64); it matches nothing.
	CodeTypeMismatch = "TYPE_MISMATCH"
	// CodeVariableInOldVersion: a ${...} policy variable in a document
	// without Version 2012-10-17, where it is literal text.
	CodeVariableInOldVersion = "VARIABLE_IN_OLD_VERSION"
	// CodeMissingVersion: a document without a Version element.
	CodeMissingVersion = "MISSING_VERSION"
	// CodeInvalidSid: a Sid with characters other than letters and
	// digits, which IAM refuses in identity policies and SCPs.
	CodeInvalidSid = "INVALID_SID"
	// CodeDuplicateSid: two statements of a document with the same Sid.
	CodeDuplicateSid = "DUPLICATE_SID"
	// CodeMissingStatement: a document without statements ("Statement":
	// []), which IAM refuses to store. It allows nothing.
	CodeMissingStatement = "MISSING_STATEMENT"
	// CodeMissingAction: an empty Action or NotAction list, which IAM
	// refuses to store ("Policy statement must contain actions"). An
	// empty Action matches no action; an empty NotAction every action.
	CodeMissingAction = "MISSING_ACTION"
	// CodeMissingResource: an empty Resource or NotResource list, which
	// IAM refuses to store ("Policy statement must contain resources").
	// An empty Resource matches no resource; an empty NotResource every
	// resource.
	CodeMissingResource = "MISSING_RESOURCE"
	// CodeMalformedAction: an action that is neither "*" nor a service
	// prefix, a colon and an action name, the service prefix being
	// letters, digits and hyphens without wildcards ("*:GetReport",
	// "GetReport", "artifact:Get:Report"). IAM refuses to store it;
	// evaluation matches it as a pattern like any other.
	CodeMalformedAction = "MALFORMED_ACTION"
)

// A Finding is one result of [Validate].
type Finding struct {
	// Severity says how much the finding matters, as IAM Access Analyzer
	// grades it.
	Severity Severity
	// Code is one of the Code constants.
	Code string
	// Path is the JSON path of the element, e.g. "Statement[0].Action[1]".
	Path string
	// Message says what is wrong, in lower case.
	Message string
}

// String returns "SEVERITY CODE path: message".
func (f Finding) String() string {
	return fmt.Sprintf("%s %s %s: %s", f.Severity, f.Code, f.Path, f.Message)
}

// Validate reports what IAM's policy checks report for d, as findings
// rather than errors: what IAM refuses to store although [Parse] reads it
// as evaluation would (no statements, empty Action or Resource lists,
// malformed actions, Sids other than letters and digits, duplicate Sids),
// unknown artifact actions (in Action or NotAction), legacy actions (G6),
// condition keys an action does not support (G7), resources that can
// never match the actions, malformed ARNs, condition values of the wrong
// type and policy variables in the old language. It knows the artifact:*
// vocabulary only; other services' action names are not checked, their
// syntax is.
//
// The checks follow IAM's policy grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html),
// the Action element
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
// and IAM Access Analyzer's policy checks
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
func Validate(d *Document) []Finding {
	if d == nil {
		return nil
	}
	v := validator{d: d}
	if d.Version == "" {
		v.add(SeveritySuggestion, CodeMissingVersion, "Version", "the document has no Version; IAM applies 2008-10-17, without policy variables; add \"Version\": \"2012-10-17\"")
	}
	if len(d.Statement) == 0 {
		v.add(SeverityError, CodeMissingStatement, "Statement", "the document has no statements: it allows nothing, and IAM refuses to store it")
	}
	sids := map[string]int{}
	for i := range d.Statement {
		st := &d.Statement[i]
		path := fmt.Sprintf("Statement[%d]", i)
		if st.Sid != "" {
			if j, dup := sids[st.Sid]; dup {
				v.add(SeverityError, CodeDuplicateSid, path+".Sid", fmt.Sprintf("sid %s is also the sid of Statement[%d]", quote(st.Sid), j))
			} else {
				sids[st.Sid] = i
			}
			if d.Kind != Resource && strings.Trim(st.Sid, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
				v.add(SeverityError, CodeInvalidSid, path+".Sid", fmt.Sprintf("sid %s may contain only letters and digits", quote(st.Sid)))
			}
		}
		v.statement(st, path)
	}
	return v.out
}

type validator struct {
	d   *Document
	out []Finding
}

func (v *validator) add(s Severity, code, path, msg string) {
	v.out = append(v.out, Finding{Severity: s, Code: code, Path: path, Message: msg})
}

// actionSet is what a statement's Action element covers of the catalog.
type actionSet struct {
	known   []int // catalog indices covered
	exact   []int // catalog indices named exactly
	unknown bool  // some pattern may cover actions outside the catalog
}

func (v *validator) statement(st *Statement, path string) {
	var as actionSet
	acts, actName := st.Action, "Action"
	if st.NotAction.Values != nil {
		acts, actName = st.NotAction, "NotAction"
	}
	if len(acts.Values) == 0 {
		what := "matches no action"
		if actName == "NotAction" {
			what = "excludes nothing: the statement applies to every action"
		}
		v.add(SeverityError, CodeMissingAction, path+"."+actName, fmt.Sprintf("the %s list is empty: it %s, and IAM refuses to store it", actName, what))
	}
	if actName == "Action" {
		as = v.actions(st.Action, path+".Action", true)
	} else {
		// A NotAction covers everything else: report its unknown
		// actions (they exclude nothing) and check no more.
		v.actions(st.NotAction, path+".NotAction", false)
		as.unknown = true
	}
	v.conditions(st, path, &as)
	res, resName := st.Resource, "Resource"
	if st.NotResource.Values != nil {
		res, resName = st.NotResource, "NotResource"
	}
	if len(res.Values) == 0 {
		what := "matches no resource"
		if resName == "NotResource" {
			what = "excludes nothing: the statement applies to every resource"
		}
		v.add(SeverityError, CodeMissingResource, path+"."+resName, fmt.Sprintf("the %s list is empty: it %s, and IAM refuses to store it", resName, what))
	}
	for i, r := range res.Values {
		p := listPath(path+"."+resName, res, i)
		if r == "*" {
			continue
		}
		parts, rest, ok := splitARN(r)
		if !ok {
			v.add(SeverityError, CodeMalformedARN, p, fmt.Sprintf("resource %s is neither \"*\" nor an arn (arn:partition:service:region:account:resource)", quote(r)))
			continue
		}
		if !strings.ContainsAny(parts[0], "*?") && !aws.IsPartition(parts[0]) {
			v.add(SeverityError, CodeMalformedARN, p, fmt.Sprintf("resource %s names unknown partition %s", quote(r), quote(parts[0])))
			continue
		}
		if resName == "Resource" && !as.unknown && len(as.known) > 0 && !matchableByAny(parts, rest, as.known) {
			v.add(SeverityWarning, CodeUnmatchableResource, p, fmt.Sprintf("resource %s can never match %s", quote(r), names(as.known)))
		}
	}
	if !v.d.variablesEnabled() {
		for _, l := range []List{st.Resource, st.NotResource} {
			for _, r := range l.Values {
				if strings.Contains(r, "${") {
					v.add(SeverityWarning, CodeVariableInOldVersion, path, fmt.Sprintf("%s is literal text: policy variables need Version 2012-10-17", quote(r)))
				}
			}
		}
	}
}

// actions checks an Action element (granted) or a NotAction element and
// returns what it covers. Legacy actions are reported in Action elements
// only: excluding one is no mistake.
func (v *validator) actions(l List, path string, granted bool) actionSet {
	var as actionSet
	seen := map[int]bool{}
	for i, a := range l.Values {
		p := listPath(path, l, i)
		if why := actionSyntax(a); why != "" {
			v.add(SeverityError, CodeMalformedAction, p, fmt.Sprintf("action %s %s; IAM refuses to store it", quote(a), why))
			as.unknown = true
			continue
		}
		service, _, _ := strings.Cut(a, ":")
		if !equalFoldASCII(service, "artifact") {
			as.unknown = true
			continue
		}
		g := compileGlob(a, globOptions{wild: true, fold: true})
		var hits []int
		for id := range catalog {
			if g.match(catalog[id].Name, nil) {
				hits = append(hits, id)
				if !seen[id] {
					seen[id] = true
					as.known = append(as.known, id)
				}
			}
		}
		wild := strings.ContainsAny(a, "*?")
		switch {
		case len(hits) == 0:
			v.add(SeverityError, CodeUnknownAction, p, fmt.Sprintf("%s matches no artifact action", quote(a)))
		case !wild:
			as.exact = append(as.exact, hits[0])
			if granted && catalog[hits[0]].Legacy {
				v.add(SeverityWarning, CodeLegacyAction, p, fmt.Sprintf("%s is a legacy action, deprecated in 2025; use the fine-grained actions (e.g. artifact:GetReport, artifact:GetAgreement)", catalog[hits[0]].Name))
			}
		}
	}
	return as
}

// conditions checks a statement's condition block.
func (v *validator) conditions(st *Statement, path string, as *actionSet) {
	for _, c := range st.Condition {
		p := path + ".Condition." + c.Operator + "." + c.Key
		op, ok := parseOperator(c.Operator)
		if !ok {
			continue // Parse refuses these
		}
		if f := op.base.family(); f != famString && f != famARN {
			for _, val := range c.Values {
				if !compileValue(op.base, val, false).ok {
					v.add(SeverityError, CodeTypeMismatch, p, fmt.Sprintf("%s is not a valid %s value; it matches nothing", quote(val), familyNames[f]))
				}
			}
		}
		if !v.d.variablesEnabled() {
			for _, val := range c.Values {
				if strings.Contains(val, "${") {
					v.add(SeverityWarning, CodeVariableInOldVersion, p, fmt.Sprintf("%s is literal text: policy variables need Version 2012-10-17", quote(val)))
				}
			}
		}
		lk := strings.ToLower(c.Key)
		if strings.HasPrefix(lk, "artifact:") && lk != "artifact:reportseries" && lk != "artifact:reportcategory" {
			v.add(SeverityError, CodeUnknownConditionKey, p, fmt.Sprintf("%s is not an artifact condition key (artifact:ReportSeries, artifact:ReportCategory)", quote(c.Key)))
			continue
		}
		if !strings.HasPrefix(lk, "artifact:") && !isTagKey(lk) {
			continue
		}
		// Rule G7: the key exists only for some actions. Name each action
		// written out that lacks it; for wildcards, complain only when no
		// action covered has it.
		for _, id := range as.exact {
			if !catalog[id].SupportsConditionKey(c.Key) {
				v.add(SeverityWarning, CodeUnsupportedConditionKey, p, fmt.Sprintf("%s does not support condition key %s: the key is absent from its requests", catalog[id].Name, c.Key))
			}
		}
		if as.unknown || len(as.known) == len(as.exact) {
			continue
		}
		supported := false
		for _, id := range as.known {
			supported = supported || catalog[id].SupportsConditionKey(c.Key)
		}
		if !supported {
			v.add(SeverityWarning, CodeUnsupportedConditionKey, p, fmt.Sprintf("none of %s supports condition key %s", names(as.known), c.Key))
		}
	}
}

var familyNames = map[family]string{
	famNumeric: "numeric",
	famDate:    "date",
	famBool:    "boolean",
	famBinary:  "base64",
	famIP:      "ip address or cidr block",
	famNull:    "true/false",
}

func names(ids []int) string {
	ns := make([]string, len(ids))
	for i, id := range ids {
		ns[i] = catalog[id].Name
	}
	if len(ns) > 4 {
		return strings.Join(ns[:4], ", ") + fmt.Sprintf(" and %d more", len(ns)-4)
	}
	return strings.Join(ns, ", ")
}

// matchableByAny reports whether an ARN pattern can match a resource of
// some action among ids; actions on no resource are requested on "*",
// which no ARN pattern matches.
func matchableByAny(parts [4]string, rest string, ids []int) bool {
	for _, id := range ids {
		for _, t := range catalog[id].ResourceTypes {
			if matchable(parts, rest, t) {
				return true
			}
		}
	}
	return false
}

// matchable reports whether the ARN pattern (split into components) can
// match some ARN of resource type t.
func matchable(parts [4]string, rest string, t ResourceType) bool {
	can := func(pattern, s string) bool {
		g := compileGlob(pattern, globOptions{wild: true})
		return g.match(s, nil)
	}
	partitionOK := false
	for _, p := range aws.Partitions() {
		partitionOK = partitionOK || can(parts[0], p)
	}
	if !partitionOK || !can(parts[1], "artifact") {
		return false
	}
	needRegion := t == TypeReport || t == TypeComplianceInquiry
	needAccount := t == TypeCustomerAgreement || t == TypeComplianceInquiry
	if needRegion && parts[2] == "" || !needRegion && !can(parts[2], "") {
		return false
	}
	if needAccount && parts[3] == "" || !needAccount && !can(parts[3], "") {
		return false
	}
	return prefixPossible(rest, string(t)+"/")
}

// prefixPossible reports whether glob pattern p can match some string that
// starts with prefix. A policy variable counts as a wildcard.
func prefixPossible(p, prefix string) bool {
	for i := 0; i < len(prefix); i++ {
		switch {
		case i >= len(p):
			return false
		case p[i] == '*' || strings.HasPrefix(p[i:], "${"):
			return true
		case p[i] == '?' || p[i] == prefix[i]:
		default:
			return false
		}
	}
	return true
}

// actionSyntax says why IAM refuses to store action pattern a, or returns
// "". IAM's grammar makes an action "*" or a service prefix, a colon and
// an action name; wildcards (* and ?) may appear in the name only, and
// service prefixes are letters, digits and hyphens ("artifact", "s3",
// "execute-api"), matched ignoring case. IAM answers "Action vendors
// (e.g., aws, ec2, etc.) must not contain wildcards" and "Actions/Condition
// can contain only one colon" to the shapes below.
func actionSyntax(a string) string {
	if a == "*" {
		return ""
	}
	service, name, ok := strings.Cut(a, ":")
	switch {
	case !ok:
		return "is not \"*\" and has no service prefix (artifact:GetReport, s3:*)"
	case service == "":
		return "has an empty service prefix"
	case strings.ContainsAny(service, "*?"):
		return "has a wildcard in its service prefix; wildcards may appear in the action name only"
	case strings.Trim(service, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "":
		return "has a service prefix of characters other than letters, digits and hyphens"
	case strings.IndexByte(name, ':') >= 0:
		return "has more than one colon"
	case name == "":
		return "has no action name after its service prefix"
	}
	return ""
}
