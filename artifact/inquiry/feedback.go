package inquiry

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// FeedbackInput is a request to rate a response (AWS's
// PutComplianceInquiryFeedback).
type FeedbackInput struct {
	// Inquiry is the inquiry rated.
	Inquiry ID
	// QueryIdentifier is the query whose response is rated; 0 (AWS: the
	// member left out) rates the inquiry as a whole.
	QueryIdentifier int
	// Principal is who rates (an ARN); a principal has one feedback per
	// query, which a new one replaces.
	Principal string
	// Rating is THUMBS_UP or THUMBS_DOWN; required.
	Rating Rating
	// ResponseRevision is the revision of the response rated (see
	// Query.Revision): when it is no longer the current one the feedback
	// is refused with ErrStaleResponse. 0 rates the current response.
	ResponseRevision int
	// ReasonCodes say why; repeats are dropped.
	ReasonCodes []ReasonCode
	// Comment is 1 to 1000 characters of AWS's set; empty for none.
	Comment string
	// ClientToken makes the request idempotent for the account; empty for
	// none.
	ClientToken string
}

// Validate checks the request's fields as AWS's model states them: a
// *ValidationError naming each bad field, or nil. PutFeedback validates
// too; a service calls Validate first to refuse a malformed request before
// it authorizes it.
func (in *FeedbackInput) Validate() error {
	var fe aws.ValidationError
	if _, err := ParseID(string(in.Inquiry)); err != nil {
		fe.Merge(err)
	}
	if in.QueryIdentifier < 0 {
		fe.Add("queryIdentifier", "must be at least 1")
	}
	switch {
	case in.ResponseRevision < 0:
		fe.Add("responseRevisionId", "must be at least 1")
	case in.ResponseRevision > 0 && in.QueryIdentifier == 0:
		fe.Add("responseRevisionId", "names a revision of a query's response: set queryIdentifier too")
	}
	switch {
	case in.Rating == "":
		fe.Add("rating", "is required")
	case !in.Rating.IsValid():
		fe.Add("rating", "%q is not THUMBS_UP or THUMBS_DOWN", aws.Clip(string(in.Rating)))
	}
	for _, c := range in.ReasonCodes {
		if !c.IsValid() {
			fe.Add("reasonCodes", "%q is not OTHER, PARTIAL_RESPONSE or IRRELEVANT_RESPONSE", aws.Clip(string(c)))
		}
	}
	if in.Comment != "" {
		if msg := checkComment(in.Comment); msg != "" {
			fe.Add("comment", "%s", msg)
		}
	}
	if in.ClientToken != "" {
		if msg := checkClientToken(in.ClientToken); msg != "" {
			fe.Add("clientToken", "%s", msg)
		}
	}
	return fe.Err()
}

// reasons returns the reason codes without repeats, in the order given.
func (in *FeedbackInput) reasons() []ReasonCode {
	var out []ReasonCode
	for _, c := range in.ReasonCodes {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// digest is the SHA-256 of the request: the inquiry, query, principal,
// rating, revision, reason codes (without repeats) and comment.
func (in *FeedbackInput) digest() aws.Digest {
	d := newRequestDigest()
	d.string(string(in.Inquiry))
	d.int(in.QueryIdentifier)
	d.string(in.Principal)
	d.string(string(in.Rating))
	d.int(in.ResponseRevision)
	reasons := in.reasons()
	d.count(len(reasons))
	for _, c := range reasons {
		d.string(string(c))
	}
	d.string(in.Comment)
	return d.sum()
}

// PutFeedback records a principal's rating of a query's response, or of
// the whole inquiry, and returns it. It is refused when the query has no
// response yet, or the inquiry rated as a whole is not yet COMPLETED or
// FAILED (ErrNotReady), and when the revision rated is no longer the
// current one (ErrStaleResponse).
//
// When in.ClientToken was used by the account before, PutFeedback returns
// the feedback put then if the request is the same, and ErrTokenReused if
// it differs.
func (a *Assistant) PutFeedback(ctx context.Context, account aws.AccountID, in FeedbackInput) (Feedback, error) {
	if !account.IsValid() {
		return Feedback{}, aws.InvalidField("account", "%q is not 12 digits", aws.Clip(string(account)))
	}
	if err := in.Validate(); err != nil {
		return Feedback{}, err
	}
	digest := in.digest()
	if in.ClientToken != "" {
		prev, err := a.store.FeedbackByClientToken(ctx, account, in.ClientToken)
		if err == nil {
			return sameFeedback(prev, digest)
		}
		if !errors.Is(err, ErrNotFound) {
			return Feedback{}, err
		}
	}
	inq, err := a.Get(ctx, account, in.Inquiry)
	if err != nil {
		return Feedback{}, err
	}
	f := Feedback{Account: account, Inquiry: in.Inquiry, QueryIdentifier: in.QueryIdentifier, Principal: in.Principal,
		Rating: in.Rating, ReasonCodes: in.reasons(), Comment: in.Comment, ClientToken: in.ClientToken,
		RequestDigest: digest, SubmittedAt: a.clock()}
	if in.QueryIdentifier == 0 {
		if !inq.Status.Done() {
			return Feedback{}, &StateError{ID: inq.ID, Status: inq.Status, Reason: "the inquiry as a whole is rated once it is COMPLETED or FAILED"}
		}
	} else {
		q, err := a.query(ctx, account, in.Inquiry, in.QueryIdentifier)
		if err != nil {
			return Feedback{}, err
		}
		cur := q.Revision()
		switch {
		case cur == 0:
			return Feedback{}, &StateError{ID: inq.ID, Status: inq.Status, Reason: fmt.Sprintf("query %d has no response to rate", q.Identifier)}
		case in.ResponseRevision > cur:
			return Feedback{}, aws.InvalidField("responseRevisionId", "query %d has no response revision %d; its current one is %d", q.Identifier, in.ResponseRevision, cur)
		case in.ResponseRevision != 0 && in.ResponseRevision != cur:
			return Feedback{}, fmt.Errorf("inquiry: query %d's response is at revision %d, not %d: %w", q.Identifier, cur, in.ResponseRevision, ErrStaleResponse)
		}
		f.ResponseRevision = cur
	}
	out, err := a.store.PutFeedback(ctx, f)
	if errors.Is(err, ErrExists) && in.ClientToken != "" {
		// Another request with the same token won the race.
		prev, perr := a.store.FeedbackByClientToken(ctx, account, in.ClientToken)
		if perr == nil {
			return sameFeedback(prev, digest)
		}
	}
	return out, err
}

// sameFeedback returns prev when it was put by the request whose digest is
// d, and ErrTokenReused otherwise.
func sameFeedback(prev Feedback, d aws.Digest) (Feedback, error) {
	if prev.RequestDigest != d {
		return Feedback{}, &ReuseError{ID: prev.Inquiry}
	}
	return prev, nil
}

// Feedback returns the feedback on the account's inquiry id, by query
// identifier then principal.
func (a *Assistant) Feedback(ctx context.Context, account aws.AccountID, id ID) ([]Feedback, error) {
	if _, err := ParseID(string(id)); err != nil {
		return nil, err
	}
	return a.store.Feedback(ctx, account, id)
}
