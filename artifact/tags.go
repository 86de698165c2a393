package artifact

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/policy"
)

// The tagging operations (TagResource, UntagResource, ListTagsForResource)
// and the tag condition keys of every action on a compliance inquiry.

// namedTagKeys are the tag condition keys a caller's policies name: the
// lower-cased tag keys of aws:ResourceTag/<key> and aws:RequestTag/<key>,
// and whether aws:TagKeys is named. Condition key names are literal in
// IAM (variables stand only for values), so these are the only keys a
// decision can depend on.
type namedTagKeys struct {
	resource, request map[string]bool
	keys              bool
}

// namesTagKeys returns the tag condition keys the compiled policies of a
// caller refer to (policy.Evaluator.ConditionKeys: in a condition or a
// policy variable, of every layer), or nil when they name none.
func namesTagKeys(e *policy.Evaluator) *namedTagKeys {
	n := &namedTagKeys{resource: map[string]bool{}, request: map[string]bool{}}
	for _, k := range e.ConditionKeys() {
		switch {
		case strings.HasPrefix(k, "aws:resourcetag/"):
			n.resource[k[len("aws:resourcetag/"):]] = true
		case strings.HasPrefix(k, "aws:requesttag/"):
			n.request[k[len("aws:requesttag/"):]] = true
		case k == "aws:tagkeys":
			n.keys = true
		}
	}
	if len(n.resource) == 0 && len(n.request) == 0 && !n.keys {
		return nil
	}
	return n
}

// tagContext holds the tag condition keys of one request.
type tagContext struct {
	// resource are the aws:ResourceTag/<key> keys of the inquiry acted
	// on; nil when there is none (a new inquiry, one that does not
	// exist).
	resource *resourceTags
	// request are the aws:RequestTag/<key> keys: the tags the request
	// sets.
	request inquiry.Tags
	// keys is aws:TagKeys, present when hasKeys: the tag keys the request
	// names (empty for a request that names none).
	keys    []string
	hasKeys bool
	// set says the request acts on a compliance inquiry: the keys above
	// apply.
	set bool
}

// extend returns pc with the request's tag keys that named names added.
func (t *tagContext) extend(pc policy.Context, named *namedTagKeys) policy.Context {
	if !t.set {
		return pc
	}
	if t.resource != nil && len(named.resource) > 0 {
		pc = t.resource.extend(pc, named.resource)
	}
	if len(t.request) > 0 && len(named.request) > 0 {
		pc = tagPairs("aws:RequestTag/", t.request).extend(pc, named.request)
	}
	if t.hasKeys && named.keys {
		pc = pc.With("aws:TagKeys", t.keys...)
	}
	return pc
}

// resourceTags are tags as condition keys, built once: a Pair for each
// (with its tag key lower-cased), and for keys that differ only in letter
// case (which a policy's case-insensitive key names alike) one multivalued
// key.
type resourceTags struct {
	seq   uint64
	pairs []policy.Pair
	lower []string // the tag key of each pair, lower-cased
	multi []multiKey
}

type multiKey struct {
	lower  string
	name   string
	values []string
}

// tagPairs returns tags as condition keys named prefix+key, in key order.
func tagPairs(prefix string, tags inquiry.Tags) *resourceTags {
	keys := sortedFold(tags.Keys())
	rt := &resourceTags{pairs: make([]policy.Pair, 0, len(keys)), lower: make([]string, 0, len(keys))}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && strings.EqualFold(keys[i], keys[j]) {
			j++
		}
		if j == i+1 {
			rt.pairs = append(rt.pairs, policy.NewPair(prefix+keys[i], tags[keys[i]]))
			rt.lower = append(rt.lower, strings.ToLower(keys[i]))
		} else {
			m := multiKey{lower: strings.ToLower(keys[i]), name: prefix + keys[i]}
			for _, k := range keys[i:j] {
				m.values = append(m.values, tags[k])
			}
			rt.multi = append(rt.multi, m)
		}
		i = j
	}
	return rt
}

// extend returns pc with the tags whose lower-cased keys are named added.
func (rt *resourceTags) extend(pc policy.Context, named map[string]bool) policy.Context {
	var buf [8]policy.Pair
	pairs := buf[:0]
	for i, p := range rt.pairs {
		if named[rt.lower[i]] {
			pairs = append(pairs, p)
		}
	}
	if len(pairs) > 0 {
		pc = pc.Extend(pairs...)
	}
	for _, m := range rt.multi {
		if named[m.lower] {
			pc = pc.With(m.name, m.values...)
		}
	}
	return pc
}

// tagKeyCache keeps the aws:ResourceTag keys of the inquiries authorized
// lately, by inquiry and record sequence number, so that repeated calls
// on one inquiry build its keys once.
type tagKeyCache struct {
	m sync.Map // inquiry.ID -> *resourceTags
	n atomic.Int64
}

// maxCachedTagKeys bounds the cache; it is emptied when full.
const maxCachedTagKeys = 4096

// of returns the aws:ResourceTag keys of in, or nil when it has no tags.
func (c *tagKeyCache) of(in *inquiry.Inquiry) *resourceTags {
	if len(in.Tags) == 0 {
		return nil
	}
	if v, ok := c.m.Load(in.ID); ok {
		if rt := v.(*resourceTags); rt.seq == in.Seq {
			return rt
		}
	}
	rt := tagPairs("aws:ResourceTag/", in.Tags)
	rt.seq = in.Seq
	if c.n.Add(1) > maxCachedTagKeys {
		c.m.Clear()
		c.n.Store(1)
	}
	c.m.Store(in.ID, rt)
	return rt
}

// sortedFold returns sorted keys re-sorted so that keys equal but for
// letter case are adjacent ("Team" < "env" < "team" becomes "env", "Team",
// "team"), in a fixed order.
func sortedFold(keys []string) []string {
	sort.SliceStable(keys, func(i, j int) bool { return strings.ToLower(keys[i]) < strings.ToLower(keys[j]) })
	return keys
}

// tagsParam is a request parameter holding tags, as JSON with sorted keys.
func tagsParam(name string, tags inquiry.Tags) audit.Param {
	if tags == nil {
		tags = inquiry.Tags{}
	}
	b, _ := json.Marshal(map[string]string(tags))
	return param(name, string(b))
}

// keysParam is a request parameter holding a list of strings, as JSON.
func keysParam(name string, keys []string) audit.Param {
	if keys == nil {
		keys = []string{}
	}
	b, _ := json.Marshal(keys)
	return param(name, string(b))
}

// TagResourceInput is the request of TagResource.
type TagResourceInput struct {
	// ResourceARN is the compliance inquiry's ARN.
	ResourceARN string
	// Tags are added, replacing the values of keys the inquiry has;
	// required (nil is a missing member, a ValidationException; an empty
	// map adds nothing).
	Tags inquiry.Tags
}

// TagResourceOutput is the answer of TagResource (AWS: HTTP 204, no
// content).
type TagResourceOutput struct{}

// TagResource tags a compliance inquiry (artifact:TagResource on its ARN,
// with aws:RequestTag/${TagKey}, aws:TagKeys and aws:ResourceTag/${TagKey}).
// Only compliance inquiries take tags (the Service Authorization Reference
// gives no other resource type of Artifact tag condition keys): the ARN of
// a report, an agreement or a customer agreement is refused with a
// ValidationException naming resourceArn, a choice of the library's, since
// AWS does not document what it answers (Q4). The inquiry holds at most 50
// tags afterwards.
func (s *Service) TagResource(ctx context.Context, c *Caller, in TagResourceInput) (*TagResourceOutput, error) {
	k := s.begin(c, "TagResource", param("resourceArn", in.ResourceARN), tagsParam("tags", in.Tags))
	err := s.tagResource(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return &TagResourceOutput{}, k.end(ctx, nil)
}

func (s *Service) tagResource(ctx context.Context, k *call, in TagResourceInput) error {
	arn, err := parseTaggable(in.ResourceARN)
	if err != nil {
		return err
	}
	if in.Tags == nil {
		// AWS's model requires the member; an empty map is one.
		return invalidField("tags", "is required", aws.ErrInvalidInput)
	}
	if err := inquiry.ValidateTags("tags", in.Tags); err != nil {
		return err
	}
	keys := in.Tags.Keys()
	k.tags = tagContext{request: in.Tags, keys: keys, hasKeys: true, set: true}
	id, err := s.authorizeTagged(ctx, k, "artifact:TagResource", arn, in.ResourceARN)
	if err != nil {
		return err
	}
	_, err = s.inq.Tag(ctx, k.c.account, id, in.Tags)
	return err
}

// UntagResourceInput is the request of UntagResource.
type UntagResourceInput struct {
	// ResourceARN is the compliance inquiry's ARN.
	ResourceARN string
	// TagKeys are the keys of the tags to remove (1 to 50); keys the
	// inquiry does not have are ignored.
	TagKeys []string
}

// UntagResourceOutput is the answer of UntagResource (AWS: HTTP 204, no
// content).
type UntagResourceOutput struct{}

// UntagResource removes tags from a compliance inquiry
// (artifact:UntagResource on its ARN, with aws:TagKeys and
// aws:ResourceTag/${TagKey}). It is idempotent: removing a tag the inquiry
// does not have succeeds.
func (s *Service) UntagResource(ctx context.Context, c *Caller, in UntagResourceInput) (*UntagResourceOutput, error) {
	k := s.begin(c, "UntagResource", param("resourceArn", in.ResourceARN), keysParam("tagKeys", in.TagKeys))
	err := s.untagResource(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return &UntagResourceOutput{}, k.end(ctx, nil)
}

func (s *Service) untagResource(ctx context.Context, k *call, in UntagResourceInput) error {
	arn, err := parseTaggable(in.ResourceARN)
	if err != nil {
		return err
	}
	if err := inquiry.ValidateTagKeys("tagKeys", in.TagKeys); err != nil {
		return err
	}
	k.tags = tagContext{keys: in.TagKeys, hasKeys: true, set: true}
	id, err := s.authorizeTagged(ctx, k, "artifact:UntagResource", arn, in.ResourceARN)
	if err != nil {
		return err
	}
	_, err = s.inq.Untag(ctx, k.c.account, id, in.TagKeys)
	return err
}

// ListTagsForResourceInput is the request of ListTagsForResource.
type ListTagsForResourceInput struct {
	// ResourceARN is the compliance inquiry's ARN.
	ResourceARN string
}

// ListTagsForResourceOutput is the answer of ListTagsForResource.
type ListTagsForResourceOutput struct {
	// Tags are the inquiry's tags; nil when it has none (on the wire, an
	// empty map).
	Tags inquiry.Tags
}

// ListTagsForResource returns the tags of a compliance inquiry
// (artifact:ListTagsForResource on its ARN, with
// aws:ResourceTag/${TagKey}).
func (s *Service) ListTagsForResource(ctx context.Context, c *Caller, in ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	k := s.begin(c, "ListTagsForResource", param("resourceArn", in.ResourceARN))
	out, err := s.listTags(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

func (s *Service) listTags(ctx context.Context, k *call, in ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	arn, err := parseTaggable(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	k.tags = tagContext{set: true}
	id, err := s.authorizeTagged(ctx, k, "artifact:ListTagsForResource", arn, in.ResourceARN)
	if err != nil {
		return nil, err
	}
	got, err := s.inq.Peek(ctx, k.c.account, id)
	if err != nil {
		return nil, err
	}
	return &ListTagsForResourceOutput{Tags: got.Tags.Clone()}, nil
}

// errNotTaggable is the cause of a resourceArn of a resource that takes no
// tags.
var errNotTaggable = errors.New("only compliance inquiries take tags")

// parseTaggable parses the resourceArn of a tagging operation: a
// LongStringAttribute that must be a compliance inquiry's ARN. The ARN of
// another Artifact resource is refused as not taggable.
func parseTaggable(s string) (aws.ComplianceInquiryARN, error) {
	if s == "" {
		return aws.ComplianceInquiryARN{}, invalidField("resourceArn", "is required", nil)
	}
	if utf8.RuneCountInString(s) > 2048 || strings.ContainsAny(s, "<>") {
		return aws.ComplianceInquiryARN{}, invalidField("resourceArn", "must be 1 to 2048 characters without < or >", nil)
	}
	arn, err := aws.ParseComplianceInquiryARN(s)
	if err == nil {
		return arn, nil
	}
	if a, aerr := aws.ParseARN(s); aerr == nil && a.Service == "artifact" {
		typ, _, _ := strings.Cut(a.Resource, "/")
		switch typ {
		case "report", "agreement", "customer-agreement", "term", "report-package":
			return aws.ComplianceInquiryARN{}, &ValidationException{
				Message:   "invalid resourceArn: " + typ + " resources do not support tagging; only compliance-inquiry resources do",
				Reason:    ReasonFieldValidationFailed,
				FieldList: []ValidationExceptionField{{Name: "resourceArn", Message: "tagging is supported for compliance-inquiry resources only"}},
				Err:       errNotTaggable,
			}
		}
	}
	return aws.ComplianceInquiryARN{}, invalidField("resourceArn", err.Error(), err)
}

// authorizeTagged authorizes action on the inquiry arn names (named as
// the caller spelled it) with its tags as aws:ResourceTag keys, and
// returns its id. The inquiry must be the caller's, in the service's
// partition and region; any other is not found, after authorization.
func (s *Service) authorizeTagged(ctx context.Context, k *call, action string, arn aws.ComplianceInquiryARN, named string) (inquiry.ID, error) {
	id := inquiry.ID(arn.ComplianceInquiryID)
	k.about(ResourceTypeComplianceInquiry, string(id))
	var lookupErr error
	switch {
	case k.c == nil:
	case arn.Partition != s.partition || arn.Region != s.region || arn.Account != k.c.account:
		lookupErr = &inquiry.NotFoundError{ID: id}
	default:
		var in inquiry.Inquiry
		if in, lookupErr = s.inq.Peek(ctx, arn.Account, id); lookupErr == nil {
			k.tags.resource = s.tagKeys.of(&in)
		}
	}
	if err := k.authorize(ctx, action, named, nil); err != nil {
		return "", err
	}
	return id, lookupErr
}
