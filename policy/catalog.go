package policy

import (
	"fmt"
	"strings"
)

// AccessLevel is the access level the Service Authorization Reference
// gives an action, spelled as AWS spells it.
type AccessLevel string

const (
	// AccessList lists resources.
	AccessList AccessLevel = "List"
	// AccessRead reads resources.
	AccessRead AccessLevel = "Read"
	// AccessWrite changes resources.
	AccessWrite AccessLevel = "Write"
	// AccessPermissionsManagement changes permissions.
	AccessPermissionsManagement AccessLevel = "Permissions management"
	// AccessTagging changes tags.
	AccessTagging AccessLevel = "Tagging"
	// AccessTaggingWrite is the level the reference prints for
	// artifact:TagResource and artifact:UntagResource, literally
	// "Tagging, Write".
	AccessTaggingWrite AccessLevel = "Tagging, Write"
)

// IsValid reports whether a is one of the defined access levels.
func (a AccessLevel) IsValid() bool {
	switch a {
	case AccessList, AccessRead, AccessWrite, AccessPermissionsManagement, AccessTagging, AccessTaggingWrite:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler.
func (a AccessLevel) MarshalText() ([]byte, error) {
	if !a.IsValid() {
		return nil, fmt.Errorf("policy: invalid access level %q", string(a))
	}
	return []byte(a), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// levels.
func (a *AccessLevel) UnmarshalText(b []byte) error {
	v := AccessLevel(b)
	if !v.IsValid() {
		return fmt.Errorf("policy: unknown access level %q", b)
	}
	*a = v
	return nil
}

// ResourceType is an Artifact resource type of the Service Authorization
// Reference.
type ResourceType string

const (
	// TypeAgreement is an agreement AWS offers:
	// arn:${Partition}:artifact:::agreement/${AgreementId}.
	TypeAgreement ResourceType = "agreement"
	// TypeCustomerAgreement is an account's acceptance of an agreement:
	// arn:${Partition}:artifact::${Account}:customer-agreement/${Id}.
	TypeCustomerAgreement ResourceType = "customer-agreement"
	// TypeReport is one version of a report:
	// arn:${Partition}:artifact:${Region}::report/${ReportId}:${Version}.
	TypeReport ResourceType = "report"
	// TypeComplianceInquiry is a compliance inquiry:
	// arn:${Partition}:artifact:${Region}:${Account}:compliance-inquiry/${Id}.
	TypeComplianceInquiry ResourceType = "compliance-inquiry"
	// TypeReportPackage is the legacy report package of artifact:Get
	// (rule G6): arn:${Partition}:artifact:::report-package/${Name}.
	TypeReportPackage ResourceType = "report-package"
)

// IsValid reports whether t is one of the defined resource types.
func (t ResourceType) IsValid() bool {
	switch t {
	case TypeAgreement, TypeCustomerAgreement, TypeReport, TypeComplianceInquiry, TypeReportPackage:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler.
func (t ResourceType) MarshalText() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("policy: invalid resource type %q", string(t))
	}
	return []byte(t), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// types.
func (t *ResourceType) UnmarshalText(b []byte) error {
	v := ResourceType(b)
	if !v.IsValid() {
		return fmt.Errorf("policy: unknown resource type %q", b)
	}
	*t = v
	return nil
}

// An Action describes an artifact:* IAM action.
type Action struct {
	// Name is the action as IAM spells it, e.g. "artifact:GetReport".
	Name string
	// AccessLevel is the access level of the Service Authorization
	// Reference.
	AccessLevel AccessLevel
	// ResourceTypes lists the resource types the action acts on; empty
	// for actions on no resource, which are requested with resource "*".
	ResourceTypes []ResourceType
	// ResourceRequired reports whether a resource of one of
	// ResourceTypes is required (marked * in the reference).
	ResourceRequired bool
	// ConditionKeys lists the condition keys the action supports besides
	// the global ones: its own and those of its resource type, as the
	// reference prints them (e.g. "aws:ResourceTag/${TagKey}").
	ConditionKeys []string
	// Legacy marks the actions of Artifact's legacy permission model,
	// deprecated in 2025 (rule G6).
	Legacy bool
}

// SupportsConditionKey reports whether the action supports condition key
// key, ignoring case. Global keys (aws:...) are supported by every action,
// except the tag keys aws:RequestTag/..., aws:ResourceTag/... and
// aws:TagKeys, which only the actions listing them support (rule G7 for
// artifact:ReportSeries and artifact:ReportCategory).
func (a Action) SupportsConditionKey(key string) bool {
	lk := strings.ToLower(key)
	for _, k := range a.ConditionKeys {
		lk2 := strings.ToLower(k)
		if prefix, ok := strings.CutSuffix(lk2, "${tagkey}"); ok {
			if strings.HasPrefix(lk, prefix) && len(lk) > len(prefix) {
				return true
			}
			continue
		}
		if lk == lk2 {
			return true
		}
	}
	if strings.HasPrefix(lk, "aws:") {
		return !isTagKey(lk)
	}
	return false
}

// isTagKey reports whether the lower-cased key is one of the global keys
// that only some actions support.
func isTagKey(lk string) bool {
	return strings.HasPrefix(lk, "aws:requesttag/") || strings.HasPrefix(lk, "aws:resourcetag/") || lk == "aws:tagkeys"
}

func (a Action) clone() Action {
	a.ResourceTypes = append([]ResourceType(nil), a.ResourceTypes...)
	a.ConditionKeys = append([]string(nil), a.ConditionKeys...)
	return a
}

// The catalog: the 24 current actions of the Service Authorization
// Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsartifact.html)
// and the two legacy ones, artifact:Get and artifact:DownloadAgreement
// (RULES.md G6).
var (
	reportKeys       = []string{"artifact:ReportCategory", "artifact:ReportSeries"}
	inquiryKeys      = []string{"aws:ResourceTag/${TagKey}"}
	inquiryWriteKeys = []string{"aws:RequestTag/${TagKey}", "aws:TagKeys", "aws:ResourceTag/${TagKey}"}
	agreement        = []ResourceType{TypeAgreement}
	customer         = []ResourceType{TypeCustomerAgreement}
	report           = []ResourceType{TypeReport}
	inquiry          = []ResourceType{TypeComplianceInquiry}

	catalog = [...]Action{
		{Name: "artifact:AcceptAgreement", AccessLevel: AccessWrite, ResourceTypes: agreement, ResourceRequired: true},
		{Name: "artifact:AcceptNdaForAgreement", AccessLevel: AccessWrite, ResourceTypes: agreement, ResourceRequired: true},
		{Name: "artifact:GetAgreement", AccessLevel: AccessRead, ResourceTypes: agreement, ResourceRequired: true},
		{Name: "artifact:GetNdaForAgreement", AccessLevel: AccessRead, ResourceTypes: agreement, ResourceRequired: true},
		{Name: "artifact:GetCustomerAgreement", AccessLevel: AccessRead, ResourceTypes: customer, ResourceRequired: true},
		{Name: "artifact:TerminateAgreement", AccessLevel: AccessWrite, ResourceTypes: customer, ResourceRequired: true},
		{Name: "artifact:ListAgreements", AccessLevel: AccessList},
		{Name: "artifact:ListCustomerAgreements", AccessLevel: AccessList},
		{Name: "artifact:GetReport", AccessLevel: AccessRead, ResourceTypes: report, ResourceRequired: true, ConditionKeys: reportKeys},
		{Name: "artifact:GetReportMetadata", AccessLevel: AccessRead, ResourceTypes: report, ResourceRequired: true, ConditionKeys: reportKeys},
		{Name: "artifact:GetTermForReport", AccessLevel: AccessRead, ResourceTypes: report, ResourceRequired: true, ConditionKeys: reportKeys},
		{Name: "artifact:ListReports", AccessLevel: AccessList},
		{Name: "artifact:ListReportVersions", AccessLevel: AccessList},
		{Name: "artifact:GetAccountSettings", AccessLevel: AccessRead},
		{Name: "artifact:PutAccountSettings", AccessLevel: AccessWrite},
		{Name: "artifact:CreateComplianceInquiry", AccessLevel: AccessWrite, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryWriteKeys},
		{Name: "artifact:ExportComplianceInquiry", AccessLevel: AccessRead, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryKeys},
		{Name: "artifact:GetComplianceInquiryMetadata", AccessLevel: AccessRead, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryKeys},
		{Name: "artifact:ListTagsForResource", AccessLevel: AccessRead, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryKeys},
		{Name: "artifact:ListComplianceInquiryQueries", AccessLevel: AccessList, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryKeys},
		{Name: "artifact:PutComplianceInquiryFeedback", AccessLevel: AccessWrite, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryKeys},
		{Name: "artifact:ListComplianceInquiries", AccessLevel: AccessList},
		{Name: "artifact:TagResource", AccessLevel: AccessTaggingWrite, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: inquiryWriteKeys},
		{Name: "artifact:UntagResource", AccessLevel: AccessTaggingWrite, ResourceTypes: inquiry, ResourceRequired: true, ConditionKeys: []string{"aws:TagKeys", "aws:ResourceTag/${TagKey}"}},
		// Legacy (G6): artifact:Get read reports through report packages;
		// artifact:DownloadAgreement read agreements, accepted or not.
		{Name: "artifact:Get", AccessLevel: AccessRead, ResourceTypes: []ResourceType{TypeReportPackage}, ResourceRequired: true, Legacy: true},
		{Name: "artifact:DownloadAgreement", AccessLevel: AccessRead, ResourceTypes: []ResourceType{TypeAgreement, TypeCustomerAgreement}, Legacy: true},
	}
)

// catalogSize is the number of actions in the catalog.
const catalogSize = len(catalog)

// Actions returns every artifact:* action of the catalog: the 24 current
// ones, then the legacy artifact:Get and artifact:DownloadAgreement.
func Actions() []Action {
	out := make([]Action, len(catalog))
	for i, a := range catalog {
		out[i] = a.clone()
	}
	return out
}

// LookupAction returns the catalog's action called name, ignoring case.
func LookupAction(name string) (Action, bool) {
	if i := actionID(name); i >= 0 {
		return catalog[i].clone(), true
	}
	return Action{}, false
}

// lowerNames holds the catalog's names, lower-cased.
var lowerNames = func() (out [catalogSize]string) {
	for i, a := range catalog {
		out[i] = strings.ToLower(a.Name)
	}
	return out
}()

// actionIndex is an open-addressing hash table from action name to catalog
// index, built once and never modified.
var actionIndex = func() (t [128]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, n := range lowerNames {
		h := actionHash(n) & (len(t) - 1)
		for t[h] >= 0 {
			h = (h + 1) & (len(t) - 1)
		}
		t[h] = int8(i)
	}
	return t
}()

// actionID returns the catalog index of action name (any case), or -1.
// It allocates nothing.
func actionID(name string) int {
	if len(name) < 11 || len(name) > 40 {
		return -1
	}
	h := actionHash(name) & (len(actionIndex) - 1)
	for {
		i := actionIndex[h]
		if i < 0 {
			return -1
		}
		// Most requests spell the action as the catalog does: try an
		// exact comparison before folding case.
		if catalog[i].Name == name {
			return int(i)
		}
		if n := lowerNames[i]; len(n) == len(name) && equalFoldLower(name, n) {
			return int(i)
		}
		h = (h + 1) & (len(actionIndex) - 1)
	}
}

// actionHash hashes an action name of at least ten bytes from its length
// and a few of its letters, ignoring ASCII case.
func actionHash(s string) int {
	l := func(c byte) int {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return int(c)
	}
	n := len(s)
	return n*131 + l(s[9])*31 + l(s[10])*7 + l(s[n-1])*17 + l(s[n-3])*3 + l(s[(n+9)/2])
}
