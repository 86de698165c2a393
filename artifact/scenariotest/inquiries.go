package scenariotest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	agreementkit "github.com/artifactkit/artifactkit/agreement/scenariotest"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// The compliance inquiry scenarios: the nine compliance inquiry and
// tagging operations, in the format of service.json extended as RULES.md,
// section "inquiries.json", describes. Their corpus is the kit's own,
// testdata/inquiries.json (InquiryCorpus).

// EnvInquiryCorpus is the environment variable that names an inquiry
// corpus to run instead of the one RunInquiries is given.
const EnvInquiryCorpus = "INQUIRY_SCENARIOS"

// RunInquiries runs every scenario of the inquiry corpus at path (empty:
// the kit's own, InquiryCorpus) as a subtest of t, each on a Service over
// the fresh stores newStores returns (nil: in memory), as Run does. The
// file EnvInquiryCorpus names, when set, is run instead.
func RunInquiries(t *testing.T, path string, newStores func(testing.TB) Stores) {
	t.Helper()
	scenarios, source := loadFile(t, path, EnvInquiryCorpus, InquiryCorpus)
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) { runScenario(t, sc, newStores) })
	}
	t.Logf("%d scenarios of %s", len(scenarios), source)
}

// inquiryArgs are the arguments of the inquiry steps; which of them an
// operation takes is its op's args, all optional.
type inquiryArgs struct {
	// Ref names the inquiry a CreateComplianceInquiry creates; Inquiry
	// names one created before, InquiryID an inquiry by its id.
	Ref       string `json:"ref"`
	Inquiry   string `json:"inquiry"`
	InquiryID string `json:"inquiry_id"`
	// ResourceARN names a tagging step's resource; "${ref}" in it is the
	// ARN of inquiry ref.
	ResourceARN string `json:"resourceArn"`

	Name             string            `json:"name"`
	Query            string            `json:"query"`
	File             *string           `json:"file"`
	Sections         []string          `json:"sections"`
	SupportMode      string            `json:"supportMode"`
	Tags             map[string]string `json:"tags"`
	TagKeys          []string          `json:"tagKeys"`
	ClientToken      string            `json:"clientToken"`
	QueryIdentifier  int               `json:"queryIdentifier"`
	QueryIdentifiers []int             `json:"queryIdentifiers"`
	IncludeCitations bool              `json:"includeCitations"`
	Rating           string            `json:"rating"`
	RevisionID       int               `json:"responseRevisionId"`
	ReasonCodes      []string          `json:"reasonCodes"`
	Comment          string            `json:"comment"`
	// Seconds is how far an "advance" step moves the clock; Response is a
	// reviewer's answer ("review").
	Seconds  int    `json:"seconds"`
	Response string `json:"response"`
}

// inquiryExpect is what a successful inquiry step must answer; a field
// left out is not compared.
type inquiryExpect struct {
	Status        *string            `json:"status"`
	StatusMessage *string            `json:"statusMessage"`
	InputSource   *string            `json:"inputSource"`
	SupportMode   *string            `json:"supportMode"`
	Tags          *map[string]string `json:"tags"`
	// SameAs: the inquiry answered is the one created as that ref.
	SameAs    *string        `json:"same_as"`
	Inquiries *[]string      `json:"inquiries"`
	Queries   *[]queryExpect `json:"queries"`
	Exported  *[]int         `json:"exported"`
	Contains  *[]string      `json:"document_contains"`
	Changed   *int           `json:"changed"`
}

// queryExpect is one query a ListComplianceInquiryQueries must list.
type queryExpect struct {
	ID               int       `json:"id"`
	Status           *string   `json:"status"`
	StatusMessage    *string   `json:"statusMessage"`
	ReviewType       *string   `json:"reviewType"`
	Section          *string   `json:"section"`
	ResponseContains *string   `json:"response_contains"`
	Citations        *[]string `json:"citations"`
	Revisions        *int      `json:"revisions"`
}

// expectFields are the fields of inquiryExpect each inquiry operation may
// expect on success.
var expectFields = map[string][]string{
	"CreateComplianceInquiry":      {"status", "statusMessage", "inputSource", "tags", "same_as"},
	"GetComplianceInquiryMetadata": {"status", "statusMessage", "inputSource", "supportMode", "tags"},
	"complete_review":              {"status", "statusMessage"},
	"ListComplianceInquiries":      {"inquiries"},
	"ListComplianceInquiryQueries": {"queries"},
	"ExportComplianceInquiry":      {"exported", "document_contains"},
	"ListTagsForResource":          {"tags"},
	"process":                      {"changed"},
}

// fields returns the JSON names of the fields set in e.
func (e *inquiryExpect) fields() []string {
	var out []string
	for name, set := range map[string]bool{
		"status": e.Status != nil, "statusMessage": e.StatusMessage != nil, "inputSource": e.InputSource != nil,
		"supportMode": e.SupportMode != nil, "tags": e.Tags != nil, "same_as": e.SameAs != nil, "inquiries": e.Inquiries != nil,
		"queries": e.Queries != nil, "exported": e.Exported != nil, "document_contains": e.Contains != nil, "changed": e.Changed != nil,
	} {
		if set {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// checkInquiryStep decodes and checks the arguments and expect of an
// inquiry step; refs are the inquiries created by the steps before it, to
// which it adds the one it creates.
func (st *step) checkInquiryStep(o op, refs map[string]bool) error {
	raw, err := json.Marshal(st.Args)
	if err != nil {
		return err
	}
	if err := agreementkit.DecodeStrict(raw, &st.iargs); err != nil {
		return fmt.Errorf("args: %w", err)
	}
	for name := range st.Args {
		if !contains(o.args, name) {
			return fmt.Errorf("argument %q is not one of %s's", name, st.Op)
		}
	}
	a := &st.iargs
	named := 0
	for _, set := range []bool{a.Inquiry != "", a.InquiryID != "", a.ResourceARN != ""} {
		if set {
			named++
		}
	}
	switch {
	case contains(o.args, "inquiry") && st.Op != "CreateComplianceInquiry" && named != 1 && st.Op != "ListComplianceInquiries":
		return errors.New(`name the inquiry once: "inquiry", "inquiry_id" or "resourceArn"`)
	case a.Inquiry != "" && !refs[a.Inquiry]:
		return fmt.Errorf("inquiry %q is created by no step before", a.Inquiry)
	case a.InquiryID != "" && strings.Contains(a.InquiryID, "${"):
		return errors.New(`"inquiry_id" is an id, not a ref`)
	case st.Op == "advance" && a.Seconds < 1:
		return errors.New(`"seconds" must be at least 1`)
	case st.Op == "CreateComplianceInquiry" && a.Ref != "" && refs[a.Ref]:
		return fmt.Errorf("the ref %q is taken", a.Ref)
	}
	for _, ref := range refsIn(a.ResourceARN) {
		if !refs[ref] {
			return fmt.Errorf("resourceArn names inquiry %q, created by no step before", ref)
		}
	}
	if st.Op == "CreateComplianceInquiry" && a.Ref != "" {
		// A ref is bound when its creation succeeds; a failed one binds
		// nothing, so later steps may not name it.
		if string(st.Expect) == `"ok"` || !bytes.Contains(st.Expect, []byte(`"error"`)) {
			refs[a.Ref] = true
		}
	}
	return nil
}

// refsIn returns the refs "${ref}" in s names.
func refsIn(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, s[i+2:i+j])
		s = s[i+j+1:]
	}
}

// checkInquiryExpect checks the success fields of an inquiry step's
// expect.
func (st *step) checkInquiryExpect(refs map[string]bool) error {
	w := &st.want.inquiryExpect
	fields := w.fields()
	if len(fields) == 0 {
		return nil
	}
	if st.want.Error != "" {
		return fmt.Errorf("expect: %q together with an error", fields[0])
	}
	for _, f := range fields {
		if !contains(expectFields[st.Op], f) {
			return fmt.Errorf("expect: %s answers no %q", st.Op, f)
		}
	}
	if w.SameAs != nil && !refs[*w.SameAs] {
		return fmt.Errorf("expect: same_as %q is created by no step before", *w.SameAs)
	}
	if w.Inquiries != nil {
		for _, ref := range *w.Inquiries {
			if !refs[ref] {
				return fmt.Errorf("expect: inquiry %q is created by no step before", ref)
			}
		}
	}
	return nil
}

// expand replaces "${ref}" in s by the ARN of inquiry ref.
func (r *run) expand(s string) string {
	for ref, in := range r.inquiries {
		s = strings.ReplaceAll(s, "${"+ref+"}", in.ARN)
	}
	return s
}

// inquiryID returns the inquiry a step names.
func (r *run) inquiryID(a *inquiryArgs) inquiry.ID {
	if a.InquiryID != "" {
		return inquiry.ID(a.InquiryID)
	}
	return r.inquiries[a.Inquiry].ID
}

// resourceARN returns the ARN a tagging step names.
func (r *run) resourceARN(a *inquiryArgs) string {
	if a.ResourceARN != "" {
		return r.expand(a.ResourceARN)
	}
	return r.inquiries[a.Inquiry].ARN
}

// refOf returns the ref of inquiry id, or the id itself.
func (r *run) refOf(id inquiry.ID) string {
	for ref, in := range r.inquiries {
		if in.ID == id {
			return ref
		}
	}
	return string(id)
}

// answered is what an operation answered of an inquiry: an
// InquirySummary's members, and an InquiryDetail's supportMode (empty
// where the output has none).
type answered struct {
	id            inquiry.ID
	status        inquiry.Status
	statusMessage inquiry.StatusMessage
	inputSource   inquiry.InputSource
	supportMode   inquiry.SupportMode
}

// reason returns the service's own reason for inquiry id's status, to
// explain a failed comparison: AWS's outputs do not carry it.
func (r *run) reason(id inquiry.ID) string {
	in, err := r.svc.Inquiries().Get(r.ctx, account, id)
	if err != nil {
		return err.Error()
	}
	return in.Reason
}

// checkInquiry compares an inquiry answered with the step's expect.
func (r *run) checkInquiry(st *step, in answered, tags inquiry.Tags) {
	tb, w := r.tb, &st.want.inquiryExpect
	if w.Status != nil && *w.Status != string(in.status) {
		require.Equal(tb, *w.Status, string(in.status), "%s: status (%s)", st.Op, r.reason(in.id))
	}
	if w.StatusMessage != nil {
		require.Equal(tb, *w.StatusMessage, string(in.statusMessage), "%s: statusMessage", st.Op)
	}
	if w.InputSource != nil {
		require.Equal(tb, *w.InputSource, string(in.inputSource), "%s: inputSource", st.Op)
	}
	if w.SupportMode != nil {
		require.Equal(tb, *w.SupportMode, string(in.supportMode), "%s: supportMode", st.Op)
	}
	if w.Tags != nil {
		require.Empty(tb, cmp.Diff(*w.Tags, mapOrEmpty(tags)), "%s: tags (-want +got)", st.Op)
	}
	if w.SameAs != nil {
		require.Equal(tb, r.inquiries[*w.SameAs].ID, in.id, "%s: the inquiry created as %s", st.Op, *w.SameAs)
	}
}

func mapOrEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func createInquiry(r *run, c *artifact.Caller, st *step) (result, error) {
	a := &st.iargs
	in := artifact.CreateComplianceInquiryInput{Name: a.Name, ClientToken: a.ClientToken,
		SupportMode: inquiry.SupportMode(a.SupportMode), Tags: a.Tags}
	in.InquiryContent.Query = a.Query
	if a.File != nil {
		in.InquiryContent.FileContent = &artifact.InquiryFileContent{Content: []byte(*a.File), FileSections: a.Sections}
	}
	out, err := r.svc.CreateComplianceInquiry(r.ctx, c, in)
	if err != nil {
		return one, err
	}
	sum := out.ComplianceInquirySummary
	if a.Ref != "" {
		r.inquiries[a.Ref] = sum
	}
	r.checkInquiry(st, answered{sum.ID, sum.Status, sum.StatusMessage, sum.InputSource, ""}, out.Tags)
	return one, nil
}

func getInquiry(r *run, c *artifact.Caller, st *step) (result, error) {
	out, err := r.svc.GetComplianceInquiryMetadata(r.ctx, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: r.inquiryID(&st.iargs)})
	if err != nil {
		return one, err
	}
	d := out.ComplianceInquiryDetail
	r.checkInquiry(st, answered{d.ID, d.Status, d.StatusMessage, d.InputSource, d.SupportMode}, out.Tags)
	return one, nil
}

func listInquiries(r *run, c *artifact.Caller, st *step) (result, error) {
	// Page by one, so that paging is exercised: every page together.
	var res result
	var got []string
	in := artifact.ListComplianceInquiriesInput{MaxResults: 1}
	for {
		out, err := r.svc.ListComplianceInquiries(r.ctx, c, in)
		res.calls++
		if err != nil {
			return res, err
		}
		for _, x := range out.ComplianceInquiries {
			got = append(got, r.refOf(x.ID))
		}
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if w := st.want.Inquiries; w != nil {
		if got == nil {
			got = []string{}
		}
		require.Empty(r.tb, cmp.Diff(*w, got), "ListComplianceInquiries: the inquiries listed, oldest first (-want +got)")
	}
	return res, nil
}

func listQueries(r *run, c *artifact.Caller, st *step) (result, error) {
	// Page by two.
	var res result
	var got []artifact.QuerySummary
	in := artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: r.inquiryID(&st.iargs), MaxResults: 2}
	for {
		out, err := r.svc.ListComplianceInquiryQueries(r.ctx, c, in)
		res.calls++
		if err != nil {
			return res, err
		}
		got = append(got, out.Queries...)
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if w := st.want.Queries; w != nil {
		require.Len(r.tb, got, len(*w), "ListComplianceInquiryQueries: the queries listed")
		// What the service keeps beside AWS's members: each query's
		// section, and the reason of a failure.
		kept, _, err := r.svc.Inquiries().Queries(r.ctx, account, in.ComplianceInquiryID, 0, max(len(got), 1))
		require.NoError(r.tb, err)
		for i, q := range *w {
			r.checkQuery(q, got[i], kept[i])
		}
	}
	return res, nil
}

// checkQuery compares a query listed with what the step expects of it;
// kept is the query as the service keeps it.
func (r *run) checkQuery(w queryExpect, q artifact.QuerySummary, kept inquiry.Query) {
	tb := r.tb
	require.Equal(tb, w.ID, q.QueryIdentifier)
	if w.Status != nil {
		require.Equal(tb, *w.Status, string(q.Status), "query %d (%s)", q.QueryIdentifier, kept.Reason)
	}
	if w.StatusMessage != nil {
		require.Equal(tb, *w.StatusMessage, string(q.StatusMessage), "query %d", q.QueryIdentifier)
	}
	if w.ReviewType != nil {
		require.Equal(tb, *w.ReviewType, string(q.ReviewType), "query %d", q.QueryIdentifier)
	}
	if w.Section != nil {
		require.Equal(tb, *w.Section, kept.Section, "query %d: its section, as the service keeps it", q.QueryIdentifier)
	}
	if w.ResponseContains != nil {
		require.Contains(tb, q.Response, *w.ResponseContains, "query %d", q.QueryIdentifier)
	}
	if w.Citations != nil {
		links := []string{}
		for _, c := range q.Citations {
			links = append(links, c.SourceLink)
		}
		require.Empty(tb, cmp.Diff(*w.Citations, links), "query %d: citations (-want +got)", q.QueryIdentifier)
	}
	if w.Revisions != nil {
		require.Equal(tb, *w.Revisions, len(q.UpdatedResponseVersions), "query %d: response revisions", q.QueryIdentifier)
	}
}

func exportInquiry(r *run, c *artifact.Caller, st *step) (result, error) {
	a := &st.iargs
	out, err := r.svc.ExportComplianceInquiry(r.ctx, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: r.inquiryID(a),
		QueryIdentifiers: a.QueryIdentifiers, IncludeCitations: a.IncludeCitations})
	if err != nil {
		return one, err
	}
	require.NotEmpty(r.tb, out.DocumentPresignedURL, "ExportComplianceInquiry: a document URL")
	if w := st.want.Exported; w != nil {
		require.Equal(r.tb, *w, out.Document.Queries, "ExportComplianceInquiry: the queries exported")
	}
	if w := st.want.Contains; w != nil {
		for _, s := range *w {
			require.Contains(r.tb, string(out.Document.Content), s, "ExportComplianceInquiry: the document")
		}
	}
	return one, nil
}

func putFeedback(r *run, c *artifact.Caller, st *step) (result, error) {
	a := &st.iargs
	codes := make([]inquiry.ReasonCode, len(a.ReasonCodes))
	for i, rc := range a.ReasonCodes {
		codes[i] = inquiry.ReasonCode(rc)
	}
	_, err := r.svc.PutComplianceInquiryFeedback(r.ctx, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: r.inquiryID(a),
		QueryIdentifier: a.QueryIdentifier, Rating: inquiry.Rating(a.Rating), ResponseRevisionID: a.RevisionID,
		ReasonCodes: codes, Comment: a.Comment, ClientToken: a.ClientToken})
	return one, err
}

func tagResource(r *run, c *artifact.Caller, st *step) (result, error) {
	_, err := r.svc.TagResource(r.ctx, c, artifact.TagResourceInput{ResourceARN: r.resourceARN(&st.iargs), Tags: st.iargs.Tags})
	return one, err
}

func untagResource(r *run, c *artifact.Caller, st *step) (result, error) {
	_, err := r.svc.UntagResource(r.ctx, c, artifact.UntagResourceInput{ResourceARN: r.resourceARN(&st.iargs), TagKeys: st.iargs.TagKeys})
	return one, err
}

func listTags(r *run, c *artifact.Caller, st *step) (result, error) {
	out, err := r.svc.ListTagsForResource(r.ctx, c, artifact.ListTagsForResourceInput{ResourceARN: r.resourceARN(&st.iargs)})
	if err != nil {
		return one, err
	}
	if w := st.want.Tags; w != nil {
		require.Empty(r.tb, cmp.Diff(*w, mapOrEmpty(out.Tags)), "ListTagsForResource: tags (-want +got)")
	}
	return one, nil
}

func advance(r *run, _ *artifact.Caller, st *step) (result, error) {
	r.clock.advance(time.Duration(st.iargs.Seconds) * time.Second)
	return result{}, nil
}

func process(r *run, _ *artifact.Caller, st *step) (result, error) {
	n, err := r.svc.AdvanceComplianceInquiries(r.ctx)
	if err == nil && st.want.Changed != nil {
		require.Equal(r.tb, *st.want.Changed, n, "process: the inquiries moved on")
	}
	return one, err
}

func review(r *run, _ *artifact.Caller, st *step) (result, error) {
	a := &st.iargs
	_, err := r.svc.ReviewComplianceInquiryQuery(r.ctx, account, r.inquiryID(a), a.QueryIdentifier, inquiry.Revision{Response: a.Response})
	return one, err
}

func completeReview(r *run, _ *artifact.Caller, st *step) (result, error) {
	in, err := r.svc.CompleteComplianceInquiryReview(r.ctx, account, r.inquiryID(&st.iargs))
	if err != nil {
		return one, err
	}
	r.checkInquiry(st, answered{in.ID, in.Status, in.StatusMessage, in.InputSource, in.SupportMode}, in.Tags)
	return one, nil
}

// inquiryFingerprint is what the account can observe of what its inquiry
// calls change: its inquiries (id, name, tags) and their feedback. What
// processing changes on the clock (statuses, answers) is not a step's.
func (r *run) inquiryFingerprint(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	v := r.svc.Inquiries()
	after := ""
	for {
		list, next, err := v.List(r.ctx, account, after, 100)
		require.NoError(tb, err)
		for _, in := range list {
			keys := in.Tags.Keys()
			tags := make([]string, len(keys))
			for i, k := range keys {
				tags[i] = k + "=" + in.Tags[k]
			}
			fmt.Fprintf(&b, "inquiry %s %q tags %v", in.ID, in.Name, tags)
			fs, err := v.Feedback(r.ctx, account, in.ID)
			require.NoError(tb, err)
			for _, f := range fs {
				fmt.Fprintf(&b, "; feedback %d %s %s %v %q r%d", f.QueryIdentifier, f.Principal, f.Rating, f.ReasonCodes, f.Comment, f.ResponseRevision)
			}
			b.WriteByte('\n')
		}
		if next == "" {
			return b.String()
		}
		after = next
	}
}
