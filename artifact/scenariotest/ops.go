package scenariotest

import (
	"errors"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/report"
)

// op is an operation a step may name.
type op struct {
	// args are the arguments it takes, all of them required. argChecks
	// validates their values.
	args []string
	// lists says that it may expect the reports it lists ("refs").
	lists bool
	// namesResource says that a denial of it names a report or an
	// agreement, whose ARN an AccessDeniedException expect gives.
	namesResource bool
	// inquiry says that its arguments are those of an inquiry step
	// (inquiryArgs), any of them optional, and its expect may hold what
	// the inquiry operations answer; service says that the service takes
	// it, with no caller.
	inquiry, service bool
	// call performs the step as c, keeping the tokens it returns.
	call func(r *run, c *artifact.Caller, st *step) (result, error)
}

// result is what a step returned beyond its error: the reports it listed,
// and how many calls it made (a ListReports of several pages makes one a
// page), each of which leaves one audit record.
type result struct {
	listed []report.Report
	calls  int
}

// one is the result of a single call.
var one = result{calls: 1}

// ops are the operations of the service scenarios, by AWS operation name.
var ops = map[string]op{
	"ListReports": {lists: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		// Page by one, so that paging is exercised: every page together.
		var res result
		in := artifact.ListReportsInput{MaxResults: 1}
		for {
			out, err := r.svc.ListReports(r.ctx, c, in)
			res.calls++
			if err != nil {
				return res, err
			}
			res.listed = append(res.listed, out.Reports...)
			if out.NextToken == "" {
				return res, nil
			}
			in.NextToken = out.NextToken
		}
	}},
	"GetReportMetadata": {args: []string{"report"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		v := r.sc.refs[st.args["report"]]
		_, err := r.svc.GetReportMetadata(r.ctx, c, artifact.GetReportMetadataInput{ReportID: v.ID, ReportVersion: new(v.Version)})
		return one, err
	}},
	"GetTermForReport": {args: []string{"report"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		v := r.sc.refs[st.args["report"]]
		out, err := r.svc.GetTermForReport(r.ctx, c, artifact.GetTermForReportInput{ReportID: v.ID, ReportVersion: new(v.Version)})
		if err == nil {
			r.term[v.Ref] = out.TermToken
		}
		return one, err
	}},
	"GetReport": {args: []string{"report"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		v := r.sc.refs[st.args["report"]]
		_, err := r.svc.GetReport(r.ctx, c, artifact.GetReportInput{ReportID: v.ID, ReportVersion: new(v.Version), TermToken: r.term[v.Ref]})
		return one, err
	}},
	"ListAgreements": {call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		_, err := r.svc.ListAgreements(r.ctx, c, artifact.ListAgreementsInput{})
		return one, err
	}},
	"GetNdaForAgreement": {args: []string{"agreement"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		id := catalog[st.args["agreement"]].ID
		out, err := r.svc.GetNdaForAgreement(r.ctx, c, artifact.GetNdaForAgreementInput{AgreementID: id})
		if err == nil {
			r.nda[id] = out
		}
		return one, err
	}},
	"AcceptNdaForAgreement": {args: []string{"agreement"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		id := catalog[st.args["agreement"]].ID
		in := artifact.AcceptNdaForAgreementInput{AgreementID: id}
		if n := r.nda[id]; n != nil {
			in.AgreementRevisionID, in.NdaToken = n.AgreementRevisionID, n.AcceptNdaForAgreementToken
		}
		out, err := r.svc.AcceptNdaForAgreement(r.ctx, c, in)
		if err == nil {
			r.getAgreement[id] = out.GetAgreementToken
		}
		return one, err
	}},
	"GetAgreement": {args: []string{"agreement"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		id := catalog[st.args["agreement"]].ID
		out, err := r.svc.GetAgreement(r.ctx, c, artifact.GetAgreementInput{AgreementID: id, NdaToken: r.getAgreement[id]})
		if err == nil {
			r.view[id] = out
		}
		return one, err
	}},
	"AcceptAgreement": {args: []string{"agreement", "scope"}, namesResource: true, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		id := catalog[st.args["agreement"]].ID
		in := artifact.AcceptAgreementInput{AgreementID: id, Scope: agreement.Scope(st.args["scope"])}
		if v := r.view[id]; v != nil {
			in.AgreementRevisionID, in.AcceptanceTermsToken, in.ExecuteAgreementToken = v.AgreementRevisionID, v.AcceptanceTermsToken, v.ExecuteAgreementToken
		}
		_, err := r.svc.AcceptAgreement(r.ctx, c, in)
		return one, err
	}},
	"ListCustomerAgreements": {call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		_, err := r.svc.ListCustomerAgreements(r.ctx, c, artifact.ListCustomerAgreementsInput{})
		return one, err
	}},
	"GetCustomerAgreement": {args: []string{"agreement", "scope"}, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		id, err := r.customerAgreement(st)
		if err != nil {
			return result{}, err
		}
		out, err := r.svc.GetCustomerAgreement(r.ctx, c, artifact.GetCustomerAgreementInput{CustomerAgreementID: id})
		if err == nil {
			r.terminate[id] = out.TerminateAgreementToken
		}
		return one, err
	}},
	"TerminateAgreement": {args: []string{"agreement", "scope"}, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		id, err := r.customerAgreement(st)
		if err != nil {
			return result{}, err
		}
		_, err = r.svc.TerminateAgreement(r.ctx, c, artifact.TerminateAgreementInput{CustomerAgreementID: id, TerminateAgreementToken: r.terminate[id]})
		return one, err
	}},
	"GetAccountSettings": {call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		_, err := r.svc.GetAccountSettings(r.ctx, c)
		return one, err
	}},
	"PutAccountSettings": {args: []string{"status"}, call: func(r *run, c *artifact.Caller, st *step) (result, error) {
		_, err := r.svc.PutAccountSettings(r.ctx, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Status(st.args["status"])})
		return one, err
	}},
	// The inquiry operations of the step table (ops), with the arguments each
	// may take (none required: the service answers a missing one as AWS
	// does). A denial of one may name its resource, "${ref}" standing for an
	// inquiry's ARN.
	"CreateComplianceInquiry": {inquiry: true, args: []string{"ref", "name", "query", "file", "sections", "supportMode", "tags", "clientToken"},
		call: createInquiry},
	"GetComplianceInquiryMetadata": {inquiry: true, args: []string{"inquiry", "inquiry_id"}, call: getInquiry},
	"ListComplianceInquiries":      {inquiry: true, call: listInquiries},
	"ListComplianceInquiryQueries": {inquiry: true, args: []string{"inquiry", "inquiry_id"}, call: listQueries},
	"ExportComplianceInquiry": {inquiry: true, args: []string{"inquiry", "inquiry_id", "queryIdentifiers", "includeCitations"},
		call: exportInquiry},
	"PutComplianceInquiryFeedback": {inquiry: true, args: []string{"inquiry", "inquiry_id", "queryIdentifier", "rating", "responseRevisionId",
		"reasonCodes", "comment", "clientToken"}, call: putFeedback},
	"TagResource":         {inquiry: true, args: []string{"inquiry", "resourceArn", "tags"}, call: tagResource},
	"UntagResource":       {inquiry: true, args: []string{"inquiry", "resourceArn", "tagKeys"}, call: untagResource},
	"ListTagsForResource": {inquiry: true, args: []string{"inquiry", "resourceArn"}, call: listTags},
	// The service's own side: the clock, the processing schedule, AWS's
	// human reviewers. No caller.
	"advance":         {inquiry: true, service: true, args: []string{"seconds"}, call: advance},
	"process":         {inquiry: true, service: true, call: process},
	"review":          {inquiry: true, service: true, args: []string{"inquiry", "queryIdentifier", "response"}, call: review},
	"complete_review": {inquiry: true, service: true, args: []string{"inquiry"}, call: completeReview},
}

// noCustomerAgreement names a customer agreement when the account has none
// of the step's agreement and scope: the service answers it as unknown.
const noCustomerAgreement = agreement.CustomerAgreementID("customer-agreement-0000000000000000")

// customerAgreement returns the account's latest customer agreement of the
// step's agreement and scope, or noCustomerAgreement.
func (r *run) customerAgreement(st *step) (agreement.CustomerAgreementID, error) {
	ca, err := r.svc.Agreements().Lookup(r.ctx, account, catalog[st.args["agreement"]].ID, agreement.Scope(st.args["scope"]))
	if errors.Is(err, agreement.ErrCustomerAgreementNotFound) {
		return noCustomerAgreement, nil
	}
	return ca.ID, err
}
