package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// world is what the server serves: a service and the credentials of its
// principals.
type world struct {
	name    string
	service *artifact.Service
	// printed are the credentials, in the order the output lists them.
	printed []namedCredential
	// wrap wraps the endpoint (the demo world's clock follows real time).
	wrap func(http.Handler) http.Handler
	// resumed is set when the durable stores held a world already, which
	// is served as it is, not loaded again.
	resumed bool
}

type namedCredential struct {
	name string
	endpoint.Credential
}

func (w *world) credentials() []endpoint.Credential {
	out := make([]endpoint.Credential, len(w.printed))
	for i, c := range w.printed {
		out[i] = c.Credential
	}
	return out
}

func unwrapped(h http.Handler) http.Handler { return h }

// buildWorld builds the world the flags name: the demo world, a world
// file, or an empty service with no credentials. On durable stores that
// already hold a world (an earlier start's), the world is not loaded
// again: the service serves what the stores hold, to the credentials of
// -demo or of the world file.
func buildWorld(ctx context.Context, o options, st stores) (*world, error) {
	svcOpts := append([]artifact.Option{artifact.WithRegion(o.region)}, st.options...)
	switch {
	case o.demo:
		return demoWorld(ctx, svcOpts, st.durable)
	case o.world != "":
		f, err := os.Open(o.world)
		if err != nil {
			return nil, fmt.Errorf("-world: %w", err)
		}
		defer f.Close()
		w, err := loadWorld(ctx, f, svcOpts, st.durable)
		if err != nil {
			return nil, fmt.Errorf("-world %s: %w", o.world, err)
		}
		w.name = o.world
		return w, nil
	}
	svc, err := artifact.New(svcOpts...)
	if err != nil {
		return nil, err
	}
	return &world{name: "empty", service: svc, wrap: unwrapped}, nil
}

// holdsWorld reports whether the service's stores hold a world already:
// an agreement, a report (published or not), or one of the organizations
// orgs.
func holdsWorld(ctx context.Context, svc *artifact.Service, orgs []org.ID) (bool, error) {
	agreements, _, err := svc.Agreements().List(ctx, agreement.Page{Limit: 1})
	if err != nil || len(agreements) > 0 {
		return len(agreements) > 0, err
	}
	for _, state := range []report.PublishedState{"", report.Unpublished} {
		reports, _, err := svc.Reports().List(ctx, report.Filter{State: state}, report.Page{Limit: 1})
		if err != nil || len(reports) > 0 {
			return len(reports) > 0, err
		}
	}
	for _, id := range orgs {
		_, err := svc.Organizations().Organization(ctx, id)
		switch {
		case err == nil:
			return true, nil
		case !errors.Is(err, org.ErrNotFound):
			return false, err
		}
	}
	return false, nil
}

// demoWorld is the world of package artifacttest, built for the present
// and kept on real time, with a credential for the root user of each of
// its accounts and for each of its named principals. The demo credentials
// are fixed (derived from the principals' names), so that they can be
// written down once; they are public: never serve -demo beyond your
// machine. On durable stores that hold a world already, the principals
// are the demo world's and the service is the stores'.
func demoWorld(ctx context.Context, svcOpts []artifact.Option, durable bool) (*world, error) {
	if durable {
		svc, err := artifact.New(svcOpts...)
		if err != nil {
			return nil, err
		}
		held, err := holdsWorld(ctx, svc, []org.ID{artifacttest.OrgID})
		if err != nil {
			return nil, fmt.Errorf("reading the stores: %w", err)
		}
		if held {
			// The principals are identities only: the demo world's, built
			// in memory, serve the stores' service.
			aw, err := artifacttest.NewWorld(artifacttest.Options{})
			if err != nil {
				return nil, err
			}
			w := demoCredentials(aw)
			w.service, w.wrap, w.resumed = svc, unwrapped, true
			return w, nil
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	aw, err := artifacttest.NewWorldContext(ctx, artifacttest.Options{Start: now, ServiceOptions: svcOpts})
	if err != nil {
		return nil, err
	}
	w := demoCredentials(aw)
	w.service = aw.Service
	// The world's clock moves only when told: each request moves it to
	// the present, so that signatures, tokens and aws:CurrentTime see
	// real time.
	var mu sync.Mutex // so that the clock never moves back
	w.wrap = func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			mu.Lock()
			if t := time.Now(); t.After(aw.Clock.Now()) {
				aw.Clock.Set(t)
			}
			mu.Unlock()
			h.ServeHTTP(rw, r)
		})
	}
	return w, nil
}

// demoCredentials returns the demo world's credentials, in the order the
// output lists them: the management account's root user, the named
// principals, the other accounts' root users.
func demoCredentials(aw *artifacttest.World) *world {
	w := &world{name: "demo"}
	add := func(name string, c *artifact.Caller) {
		w.printed = append(w.printed, namedCredential{name, demoCredential(name, c)})
	}
	add("root", aw.Root(artifacttest.ManagementAccount))
	for _, name := range artifacttest.Principals() {
		add(name, aw.Caller(name))
	}
	for _, a := range []struct {
		name    string
		account org.AccountID
	}{{"clinical-root", artifacttest.ClinicalAccount}, {"research-root", artifacttest.ResearchAccount},
		{"billing-root", artifacttest.BillingAccount}, {"standalone-root", artifacttest.StandaloneAccount}} {
		add(a.name, aw.Root(a.account))
	}
	return w
}

// demoCredential derives the demo access key of a principal from its
// name: "AKIA" and 16 letters and digits, and a 40-character secret.
func demoCredential(name string, c *artifact.Caller) endpoint.Credential {
	seed := sha256.Sum256([]byte("artifactkit demo credential\x00" + name))
	more := sha256.Sum256(seed[:])
	cred, err := endpoint.NewCredential(bytes.NewReader(append(seed[:], more[:]...)), c)
	if err != nil {
		panic(err) // 64 bytes are always enough
	}
	return cred
}

// worldFile is the JSON of -world FILE: the administrative side of an
// Artifact world (organizations, agreements, reports) and its principals
// with their access keys. The package documentation describes it.
type worldFile struct {
	Partition     string             `json:"partition"`
	Organizations []organizationFile `json:"organizations"`
	Agreements    []agreementFile    `json:"agreements"`
	Reports       []reportFile       `json:"reports"`
	Principals    []principalFile    `json:"principals"`
}

type organizationFile struct {
	ID                string   `json:"id"`
	ManagementAccount string   `json:"managementAccount"`
	FeatureSet        string   `json:"featureSet"`
	Members           []string `json:"members"`
	TrustedAccess     bool     `json:"trustedAccess"`
}

type agreementFile struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	Kind            string   `json:"kind"`
	Type            string   `json:"type"`
	Subjects        []string `json:"subjects"`
	AcceptanceTerms []string `json:"acceptanceTerms"`
	TerminateTerms  []string `json:"terminateTerms"`
	Document        string   `json:"document"`
	NDA             string   `json:"nda"`
}

type reportFile struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Description     string    `json:"description"`
	Category        string    `json:"category"`
	Series          string    `json:"series"`
	Family          string    `json:"family"`
	Type            string    `json:"type"`
	CompanyName     string    `json:"companyName"`
	ProductName     string    `json:"productName"`
	PeriodStart     string    `json:"periodStart"`
	PeriodEnd       string    `json:"periodEnd"`
	AcceptanceType  string    `json:"acceptanceType"`
	State           string    `json:"state"`
	NeedsApproval   bool      `json:"needsApproval"`
	TrustCategories []string  `json:"trustCategories"`
	Services        []string  `json:"services"`
	Regions         []string  `json:"regions"`
	Document        string    `json:"document"`
	PublishedAt     time.Time `json:"publishedAt"`
}

type principalFile struct {
	Name            string              `json:"name"`
	Account         string              `json:"account"`
	Principal       string              `json:"principal"`
	Policies        []json.RawMessage   `json:"policies"`
	SCPs            [][]json.RawMessage `json:"scps"`
	Boundary        json.RawMessage     `json:"boundary"`
	Context         map[string][]string `json:"context"`
	Model           string              `json:"model"`
	AccessKeyID     string              `json:"accessKeyId"`
	SecretAccessKey string              `json:"secretAccessKey"`
	SessionToken    string              `json:"sessionToken"`
}

// loadWorld reads a world file and builds its service: organizations
// first (with their members and trusted access), then agreements, then
// reports, then the principals' callers and credentials. Unknown members
// are refused, so that a misspelt one is not silently ignored. On durable
// stores that hold a world already (the file's, loaded by an earlier
// start), only the principals are read.
func loadWorld(ctx context.Context, r io.Reader, svcOpts []artifact.Option, durable bool) (*world, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f worldFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("reading the world: %w", err)
	}
	if dec.More() {
		return nil, errors.New("reading the world: more than one JSON value")
	}
	partition := f.Partition
	if partition == "" {
		partition = "aws"
	}
	svc, err := artifact.New(append([]artifact.Option{artifact.WithPartition(partition)}, svcOpts...)...)
	if err != nil {
		return nil, err
	}
	w := &world{service: svc, wrap: unwrapped}
	if durable {
		orgs := make([]org.ID, len(f.Organizations))
		for i, o := range f.Organizations {
			orgs[i] = org.ID(o.ID)
		}
		if w.resumed, err = holdsWorld(ctx, svc, orgs); err != nil {
			return nil, fmt.Errorf("reading the stores: %w", err)
		}
	}
	if !w.resumed {
		if err := seedWorld(ctx, svc, f); err != nil {
			return nil, err
		}
	}
	for i, p := range f.Principals {
		c, err := loadPrincipal(p, partition)
		if err != nil {
			return nil, fmt.Errorf("principals[%d] (%s): %w", i, p.Name, err)
		}
		w.printed = append(w.printed, namedCredential{p.Name, c})
	}
	if _, err := endpoint.NewCredentials(w.credentials()...); err != nil {
		return nil, fmt.Errorf("principals: %w", err)
	}
	return w, nil
}

// seedWorld loads the administrative side of a world file into svc:
// organizations first (with their members and trusted access), then
// agreements, then reports.
func seedWorld(ctx context.Context, svc *artifact.Service, f worldFile) error {
	for i, o := range f.Organizations {
		if err := loadOrganization(ctx, svc, o); err != nil {
			return fmt.Errorf("organizations[%d] (%s): %w", i, o.ID, err)
		}
	}
	for i, a := range f.Agreements {
		if err := loadAgreement(ctx, svc, a); err != nil {
			return fmt.Errorf("agreements[%d] (%s): %w", i, a.Name, err)
		}
	}
	for i, rf := range f.Reports {
		if err := loadReport(ctx, svc, rf); err != nil {
			return fmt.Errorf("reports[%d] (%s): %w", i, rf.Name, err)
		}
	}
	return nil
}

func loadOrganization(ctx context.Context, svc *artifact.Service, o organizationFile) error {
	fs := org.FeatureSet(o.FeatureSet)
	if fs == "" {
		fs = org.AllFeatures
	}
	if _, err := svc.CreateOrganization(ctx, org.ID(o.ID), org.AccountID(o.ManagementAccount), fs); err != nil {
		return err
	}
	for _, m := range o.Members {
		if _, _, err := svc.JoinOrganization(ctx, org.AccountID(m), org.ID(o.ID)); err != nil {
			return fmt.Errorf("member %s: %w", m, err)
		}
	}
	if o.TrustedAccess {
		root, err := artifact.NewCaller(artifact.Identity{Account: org.AccountID(o.ManagementAccount), Principal: "root"})
		if err != nil {
			return err
		}
		if _, err := svc.EnableTrustedAccess(ctx, root); err != nil {
			return fmt.Errorf("trusted access: %w", err)
		}
	}
	return nil
}

func loadAgreement(ctx context.Context, svc *artifact.Service, a agreementFile) error {
	spec := agreement.Spec{ID: agreement.ID(a.ID), Name: a.Name, Description: a.Description,
		Kind: agreement.Kind(a.Kind), Type: agreement.Type(a.Type),
		Revision: agreement.RevisionSpec{Document: []byte(a.Document), NDA: []byte(a.NDA),
			AcceptanceTerms: a.AcceptanceTerms, TerminateTerms: a.TerminateTerms}}
	if spec.Kind == "" {
		spec.Kind = agreement.KindCustom
	}
	if spec.Type == "" {
		spec.Type = agreement.TypeDefault
	}
	for _, s := range a.Subjects {
		spec.Subjects = append(spec.Subjects, agreement.Scope(s))
	}
	if len(spec.Subjects) == 0 {
		spec.Subjects = []agreement.Scope{agreement.ScopeAccount}
	}
	_, err := svc.DefineAgreement(ctx, spec)
	return err
}

func loadReport(ctx context.Context, svc *artifact.Service, f reportFile) error {
	r := report.Report{ID: f.ID, Name: f.Name, Description: f.Description, Category: f.Category, Series: f.Series,
		Family: f.Family, Type: report.Type(f.Type), CompanyName: f.CompanyName, ProductName: f.ProductName,
		AcceptanceType: report.AcceptanceType(f.AcceptanceType), State: report.PublishedState(f.State),
		NeedsApproval: f.NeedsApproval, PublishedAt: f.PublishedAt}
	var err error
	if r.PeriodStart, err = optionalDate(f.PeriodStart); err != nil {
		return fmt.Errorf("periodStart: %w", err)
	}
	if r.PeriodEnd, err = report.ParseDate(f.PeriodEnd); err != nil {
		return fmt.Errorf("periodEnd: %w", err)
	}
	if r.AcceptanceType == "" {
		r.AcceptanceType = report.Explicit
	}
	for _, c := range f.TrustCategories {
		r.TrustCategories = append(r.TrustCategories, report.TrustCategory(c))
	}
	if len(f.Services) > 0 || len(f.Regions) > 0 {
		if r.Scope, err = report.NewScope(f.Services, f.Regions); err != nil {
			return err
		}
	}
	doc := []byte(f.Document)
	if len(doc) == 0 {
		doc = []byte(f.Name + "\n")
	}
	r.Document = report.Document{SHA256: sha256.Sum256(doc), Size: int64(len(doc))}
	_, err = svc.PublishReport(ctx, r)
	return err
}

func optionalDate(s string) (report.Date, error) {
	if s == "" {
		return report.Date{}, nil
	}
	return report.ParseDate(s)
}

func loadPrincipal(p principalFile, partition string) (endpoint.Credential, error) {
	id := artifact.Identity{Account: org.AccountID(p.Account), Principal: p.Principal, Context: p.Context, Partition: partition}
	if p.Name == "" {
		return endpoint.Credential{}, errors.New("a principal needs a name")
	}
	for i, raw := range p.Policies {
		doc, err := policy.Parse(raw, policy.Identity)
		if err != nil {
			return endpoint.Credential{}, fmt.Errorf("policies[%d]: %w", i, err)
		}
		id.Policies = append(id.Policies, doc)
	}
	for level, docs := range p.SCPs {
		var scps []*policy.Document
		for i, raw := range docs {
			doc, err := policy.Parse(raw, policy.ServiceControl)
			if err != nil {
				return endpoint.Credential{}, fmt.Errorf("scps[%d][%d]: %w", level, i, err)
			}
			scps = append(scps, doc)
		}
		id.SCPs = append(id.SCPs, scps)
	}
	if len(p.Boundary) > 0 && string(p.Boundary) != "null" {
		doc, err := policy.Parse(p.Boundary, policy.Identity)
		if err != nil {
			return endpoint.Credential{}, fmt.Errorf("boundary: %w", err)
		}
		id.Boundary = doc
	}
	switch p.Model {
	case "", "fine-grained":
	case "legacy":
		id.Model = artifact.Legacy
	default:
		return endpoint.Credential{}, fmt.Errorf("model %q: want fine-grained or legacy", p.Model)
	}
	c, err := artifact.NewCaller(id)
	if err != nil {
		return endpoint.Credential{}, err
	}
	return endpoint.Credential{AccessKeyID: p.AccessKeyID, SecretAccessKey: p.SecretAccessKey, SessionToken: p.SessionToken, Caller: c}, nil
}
