package inquiry

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// noAnswer is the response to a question no source answers.
const noAnswer = "None of the sources available to the answerer (the report catalog, the HIPAA Eligible Services, the agreement catalog) addresses this question. Review it with your AWS compliance contact."

// ReportSource lists reports; *report.Catalog is one. List is called with
// the zero Filter (the latest available version of each report) and pages
// of report.MaxPageSize.
type ReportSource interface {
	// List returns page p of the reports f selects and the key of the next
	// page ("" after the last), as report.Catalog.List does.
	List(ctx context.Context, f report.Filter, p report.Page) ([]report.Report, string, error)
}

// AgreementSource lists AWS's agreements and finds an account's customer
// agreements; *agreement.Registry is one.
type AgreementSource interface {
	// List returns page p of AWS's agreements, sorted by id, and the key
	// of the next page ("" after the last), as agreement.Registry.List does.
	List(ctx context.Context, p agreement.Page) ([]agreement.Agreement, string, error)
	// Lookup returns the latest customer agreement of id at scope that
	// concerns account, whatever its state; an error counts as not
	// accepted at that scope.
	Lookup(ctx context.Context, account aws.AccountID, id agreement.ID, scope agreement.Scope) (agreement.CustomerAgreement, error)
}

// OrganizationSource says which organization an account is in and who
// manages it; *org.Directory is one.
type OrganizationSource interface {
	// OrganizationOf returns where account stood at t; an error counts as
	// in no organization.
	OrganizationOf(ctx context.Context, account aws.AccountID, t time.Time) (org.Membership, error)
	// Organization returns organization id; an error counts as unknown.
	Organization(ctx context.Context, id org.ID) (org.Organization, error)
}

// Knowledge is what NewKnowledgeAnswerer answers from. A nil source knows
// nothing.
type Knowledge struct {
	// Reports are the reports in the catalog.
	Reports ReportSource
	// Agreements are AWS's agreements and the accounts' acceptances.
	Agreements AgreementSource
	// Organizations say whether the account may accept at organization
	// scope (it must be its organization's management account, with all
	// features and Artifact's trusted access enabled).
	Organizations OrganizationSource
	// HIPAAEligible lists the services that may hold PHI (H7).
	HIPAAEligible report.Eligibility
	// Programs are the compliance programs recognized by name, with their
	// region limits; nil for report.Programs().
	Programs []report.Program
}

// HIPAAReference is the page of AWS's HIPAA Eligible Services Reference,
// which the knowledge answerer cites for eligibility.
const HIPAAReference = "https://aws.amazon.com/compliance/hipaa-eligible-services-reference/"

// maxCitations bounds the citations of one answer.
const maxCitations = 10

// NewKnowledgeAnswerer returns the default Answerer: deterministic, it
// answers from what the library knows, citing the reports (with their
// versions) and agreements it used. It recognizes, in this order:
//
//   - HIPAA questions ("hipaa", "phi", "protected health information"):
//     whether the services named are HIPAA eligible, or which are, and
//     whether the account has the Business Associate Addendum;
//   - agreement questions ("agreement", "addendum", "BAA", "business
//     associate"): the agreements the account can accept, at which scopes
//     (organization scope only for an organization's management account,
//     with all features and Artifact's trusted access), and those it has
//     accepted;
//   - Trust Services questions (availability, confidentiality, privacy,
//     processing integrity, and security when SOC is named): which SOC 2
//     and SOC 3 versions examine the category;
//   - scope questions (a service or a region named, such as "Amazon S3",
//     "EC2", "eu-west-1" or "Ireland"): the reports whose latest version
//     has the service (in the region) in scope, limited to the framework
//     named if one is;
//   - framework questions (a report family or series such as "SOC 2",
//     "ISO 27001", "PCI", or a program such as "FedRAMP"): the latest
//     version of each matching report, its period, or that the catalog
//     holds none (and the program's region limits);
//
// and answers anything else by saying that its sources do not address
// it. It reads the catalogs once per batch, so a questionnaire of a
// thousand questions costs one listing.
func NewKnowledgeAnswerer(k Knowledge) Answerer {
	if k.Programs == nil {
		k.Programs = report.Programs()
	}
	return &knowledgeAnswerer{k: k}
}

type knowledgeAnswerer struct{ k Knowledge }

// snapshot is what one batch is answered from.
type snapshot struct {
	reports    []report.Report // latest available version of each, by id
	agreements []agreement.Agreement
	// accepted holds the scopes at which the account's customer
	// agreements are ACTIVE, by agreement; filled on first need.
	accepted map[agreement.ID][]agreement.Scope
	services []serviceAlias // longest alias first
	families []string       // normalized families, longest first
	compactF []string       // families without spaces
	series   []string       // normalized series
	account  aws.AccountID
	ctx      context.Context
	src      AgreementSource
	elig     report.Eligibility
	programs []report.Program
	// cited caches the citation of each report and agreement, by link.
	cited map[string]Citation
	// hipaaCitation cites the HIPAA Eligible Services.
	hipaaCitation *Citation
	orgs          OrganizationSource
	at            time.Time
	// orgScope says, once known, why the account cannot accept at
	// organization scope ("" when it can).
	orgScope *string
	// scopes hold the services and regions in scope of each report, made
	// on first need.
	scopes []*scopeSets
}

// scopeSets are the services and regions a report states in scope.
type scopeSets struct{ services, regions map[string]bool }

// scopeOf returns the scope sets of report i.
func (s *snapshot) scopeOf(i int) *scopeSets {
	if s.scopes == nil {
		s.scopes = make([]*scopeSets, len(s.reports))
	}
	if s.scopes[i] == nil {
		ss := &scopeSets{services: map[string]bool{}, regions: map[string]bool{}}
		for _, v := range s.reports[i].Scope.Services() {
			ss.services[v] = true
		}
		for _, v := range s.reports[i].Scope.Regions() {
			ss.regions[v] = true
		}
		s.scopes[i] = ss
	}
	return s.scopes[i]
}

// citeReport returns the citation of a report version, made once a batch.
func (s *snapshot) citeReport(r *report.Report) Citation {
	key := "r:" + r.ARN
	if c, ok := s.cited[key]; ok && r.ARN != "" {
		return c
	}
	c := reportCitation(r)
	s.cited[key] = c
	return c
}

// citeAgreement returns the citation of an agreement, made once a batch.
func (s *snapshot) citeAgreement(a *agreement.Agreement) Citation {
	key := "a:" + a.ARN
	if c, ok := s.cited[key]; ok && a.ARN != "" {
		return c
	}
	c := agreementCitation(a)
	s.cited[key] = c
	return c
}

// serviceAlias is one way a question names services.
type serviceAlias struct {
	alias    string // normalized, space-separated
	services []string
}

// Answer implements Answerer.
func (ka *knowledgeAnswerer) Answer(ctx context.Context, b Batch) ([]Answer, error) {
	s, err := ka.snapshot(ctx, b.Account, b.At)
	if err != nil {
		return nil, err
	}
	out := make([]Answer, len(b.Questions))
	for i, q := range b.Questions {
		out[i] = s.answer(q.Text)
	}
	return out, nil
}

// snapshot reads the catalogs for one batch.
func (ka *knowledgeAnswerer) snapshot(ctx context.Context, account aws.AccountID, at time.Time) (*snapshot, error) {
	s := &snapshot{account: account, ctx: ctx, src: ka.k.Agreements, elig: ka.k.HIPAAEligible, programs: ka.k.Programs,
		cited: map[string]Citation{}, orgs: ka.k.Organizations, at: at}
	if ka.k.Reports != nil {
		p := report.Page{Limit: report.MaxPageSize}
		for {
			page, next, err := ka.k.Reports.List(ctx, report.Filter{}, p)
			if err != nil {
				return nil, fmt.Errorf("inquiry: listing reports: %w", err)
			}
			s.reports = append(s.reports, page...)
			if next == "" {
				break
			}
			p.After = next
		}
	}
	if ka.k.Agreements != nil {
		p := agreement.Page{Limit: 100}
		for {
			page, next, err := ka.k.Agreements.List(ctx, p)
			if err != nil {
				return nil, fmt.Errorf("inquiry: listing agreements: %w", err)
			}
			s.agreements = append(s.agreements, page...)
			if next == "" {
				break
			}
			p.After = next
		}
	}
	s.index()
	return s, nil
}

// index builds the service aliases and the families and series to match.
func (s *snapshot) index() {
	aliases := map[string][]string{}
	add := func(alias, service string) {
		if len(alias) >= 2 && !slices.Contains(aliases[alias], service) {
			aliases[alias] = append(aliases[alias], service)
		}
	}
	names := s.elig.Services()
	for _, r := range s.reports {
		names = append(names, r.Scope.Services()...)
	}
	for _, name := range names {
		full := normalize(name)
		add(full, name)
		stripped := strings.TrimPrefix(strings.TrimPrefix(full, "amazon "), "aws ")
		add(stripped, name)
		// "Amazon RDS for MySQL" is also asked about as "RDS".
		words := strings.Fields(strings.TrimPrefix(strings.TrimPrefix(name, "Amazon "), "AWS "))
		if len(words) > 1 && isAcronym(words[0]) {
			add(normalize(words[0]), name)
		}
	}
	for alias, svcs := range aliases {
		sort.Strings(svcs)
		s.services = append(s.services, serviceAlias{alias: alias, services: svcs})
	}
	sort.Slice(s.services, func(i, j int) bool {
		a, b := s.services[i].alias, s.services[j].alias
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	for _, r := range s.reports {
		if f := normalize(r.Family); f != "" && !slices.Contains(s.families, f) {
			s.families = append(s.families, f)
		}
		if se := normalize(r.Series); se != "" && !slices.Contains(s.series, se) {
			s.series = append(s.series, se)
		}
	}
	sort.Slice(s.families, func(i, j int) bool { return len(s.families[i]) > len(s.families[j]) })
	for _, f := range s.families {
		s.compactF = append(s.compactF, strings.ReplaceAll(f, " ", ""))
	}
}

func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// question is a question prepared for matching.
type question struct {
	spaced  string   // " " + normalized + " "
	compact string   // normalized without spaces
	words   []string // the normalized words
}

// romanNumerals spell SOC reports and report types as customers write
// them.
var romanNumerals = strings.NewReplacer(" soc iii ", " soc 3 ", " soc ii ", " soc 2 ", " soc i ", " soc 1 ",
	" type ii ", " type 2 ", " type i ", " type 1 ")

func prepare(text string) question {
	n := " " + normalize(text) + " "
	n = romanNumerals.Replace(n)
	return question{spaced: n, compact: strings.ReplaceAll(n, " ", ""), words: strings.Fields(n)}
}

// has reports whether the question holds phrase (normalized) as whole
// words.
func (q *question) has(phrase string) bool { return containsWords(q.spaced, phrase) }

// containsWords reports whether s, which starts and ends with a space,
// holds phrase between spaces.
func containsWords(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		if j > 0 && s[j-1] == ' ' && j+len(phrase) < len(s) && s[j+len(phrase)] == ' ' {
			return true
		}
		i = j + 1
	}
}

// hasAny reports whether the question holds one of the phrases.
func (q *question) hasAny(phrases ...string) bool {
	for _, p := range phrases {
		if q.has(p) {
			return true
		}
	}
	return false
}

// answer answers one question.
func (s *snapshot) answer(text string) Answer {
	q := prepare(text)
	services := s.servicesIn(q)
	regions := regionsIn(q)
	families, series := s.frameworksIn(q)
	switch {
	case q.hasAny("hipaa", "phi", "protected health information", "ephi"):
		if len(services) == 0 {
			// A service the sources do not know is named all the same.
			services = namedServices(text)
		}
		return s.hipaa(services)
	case q.hasAny("agreement", "agreements", "addendum", "addenda", "baa", "business associate", "nda"):
		return s.agreementsAnswer()
	}
	if cats := categoriesIn(q, len(families) > 0 || slices.Contains(series, "soc") || q.hasAny("trust services", "tsc")); len(cats) > 0 {
		return s.categories(cats, families)
	}
	switch {
	case len(services) > 0 || len(regions) > 0:
		return s.scope(services, regions, families, series)
	case len(families) > 0 || len(series) > 0:
		return s.frameworks(families, series)
	}
	if p, ok := s.programIn(q); ok {
		return s.program(p)
	}
	return Answer{Response: noAnswer}
}

// servicesIn returns the services the question names, longest alias
// first, each once.
func (s *snapshot) servicesIn(q question) []string {
	work := q.spaced
	var out []string
	for _, a := range s.services {
		if !containsWords(work, a.alias) {
			continue
		}
		// A shorter alias must not match inside this one ("rds" inside
		// "rds for mysql").
		work = strings.ReplaceAll(work, " "+a.alias+" ", " | ")
		for _, svc := range a.services {
			if !slices.Contains(out, svc) {
				out = append(out, svc)
			}
		}
	}
	return out
}

// directions are the middle words of AWS's region codes.
var directions = []string{"north", "south", "east", "west", "central", "northeast", "northwest", "southeast", "southwest"}

// regionNames maps region names, as customers write them, to codes.
var regionNames = []struct{ name, code string }{
	{"northern virginia", "us-east-1"}, {"n virginia", "us-east-1"}, {"virginia", "us-east-1"},
	{"ohio", "us-east-2"}, {"northern california", "us-west-1"}, {"n california", "us-west-1"},
	{"oregon", "us-west-2"}, {"govcloud", "us-gov-west-1"}, {"ireland", "eu-west-1"},
	{"london", "eu-west-2"}, {"paris", "eu-west-3"}, {"frankfurt", "eu-central-1"},
	{"zurich", "eu-central-2"}, {"stockholm", "eu-north-1"}, {"milan", "eu-south-1"},
	{"spain", "eu-south-2"}, {"sydney", "ap-southeast-2"}, {"melbourne", "ap-southeast-4"},
	{"singapore", "ap-southeast-1"}, {"jakarta", "ap-southeast-3"}, {"tokyo", "ap-northeast-1"},
	{"seoul", "ap-northeast-2"}, {"osaka", "ap-northeast-3"}, {"mumbai", "ap-south-1"},
	{"hyderabad", "ap-south-2"}, {"hong kong", "ap-east-1"}, {"sao paulo", "sa-east-1"},
	{"canada", "ca-central-1"}, {"montreal", "ca-central-1"}, {"calgary", "ca-west-1"},
	{"bahrain", "me-south-1"}, {"uae", "me-central-1"}, {"cape town", "af-south-1"},
	{"tel aviv", "il-central-1"},
}

// namedServices returns the AWS services a text names by AWS's own
// spelling, "Amazon" or "AWS" followed by capitalized words ("Amazon
// Lightsail", "AWS Elastic Beanstalk"), each once.
func namedServices(text string) []string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-')
	})
	var out []string
	for i := 0; i < len(words); i++ {
		if words[i] != "Amazon" && words[i] != "AWS" {
			continue
		}
		j := i + 1
		for j < len(words) && j-i <= 4 && capitalized(words[j]) && words[j] != "Amazon" && words[j] != "AWS" {
			j++
		}
		if j > i+1 {
			name := strings.Join(words[i:j], " ")
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
			i = j - 1
		}
	}
	return out
}

// capitalized reports whether w starts with an upper-case letter or a
// digit.
func capitalized(w string) bool {
	return w != "" && ('A' <= w[0] && w[0] <= 'Z' || '0' <= w[0] && w[0] <= '9')
}

// regionsIn returns the regions the question names, each once: codes
// (normalized "eu-west-1" is "eu west 1", "us-gov-west-1" "us gov west
// 1"), then names.
func regionsIn(q question) []string {
	var out []string
	add := func(code string) {
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	w := q.words
	for i := 0; i+2 < len(w); i++ {
		if len(w[i]) != 2 || !isLetters(w[i]) {
			continue
		}
		j, gov := i+1, ""
		if w[j] == "gov" {
			j, gov = j+1, "-gov"
		}
		if j+1 < len(w) && slices.Contains(directions, w[j]) && len(w[j+1]) == 1 && '1' <= w[j+1][0] && w[j+1][0] <= '9' {
			add(w[i] + gov + "-" + w[j] + "-" + w[j+1])
		}
	}
	for _, r := range regionNames {
		if q.has(r.name) {
			add(r.code)
		}
	}
	return out
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// frameworksIn returns the report families and series the question names.
func (s *snapshot) frameworksIn(q question) (families, series []string) {
	for i, f := range s.families {
		if strings.Contains(q.compact, s.compactF[i]) && !slices.Contains(families, f) {
			families = append(families, f)
		}
	}
	for _, se := range s.series {
		if q.has(se) {
			series = append(series, se)
		}
	}
	return families, series
}

// programIn returns the program the question names, if any.
func (s *snapshot) programIn(q question) (report.Program, bool) {
	for _, p := range s.programs {
		n := strings.ReplaceAll(normalize(p.Name), " ", "")
		if n != "" && strings.Contains(q.compact, n) {
			return p, true
		}
	}
	return report.Program{}, false
}

// categoriesIn returns the Trust Services categories the question names;
// Security counts only when soc says the question is about SOC reports.
func categoriesIn(q question, soc bool) []report.TrustCategory {
	var out []report.TrustCategory
	for _, c := range []report.TrustCategory{report.Security, report.Availability, report.ProcessingIntegrity, report.Confidentiality, report.Privacy} {
		if c == report.Security && !soc {
			continue
		}
		if q.has(normalize(string(c))) {
			out = append(out, c)
		}
	}
	return out
}

// matches reports whether r belongs to one of the families or series.
func matches(r *report.Report, families, series []string) bool {
	if len(families) == 0 && len(series) == 0 {
		return true
	}
	return slices.Contains(families, normalize(r.Family)) || (len(families) == 0 && slices.Contains(series, normalize(r.Series)))
}

// reply composes a response of sentences within AWS's 2048 characters,
// saying how many were left out.
type reply struct {
	lines     []string
	citations []Citation
}

func (r *reply) say(format string, args ...any) {
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func (r *reply) cite(c Citation) {
	if len(r.citations) < maxCitations {
		r.citations = append(r.citations, c)
	}
}

func (r *reply) answer() Answer {
	var b strings.Builder
	for i, l := range r.lines {
		l = strings.Map(func(c rune) rune {
			if c == '<' || c == '>' {
				return -1
			}
			return c
		}, l)
		more := fmt.Sprintf(" (%d more not listed.)", len(r.lines)-i)
		if runeLen(b.String())+1+runeLen(l)+runeLen(more) > MaxLongString {
			b.WriteString(more)
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return Answer{Response: b.String(), Citations: r.citations, ReviewType: ReviewAI}
}

// reportCitation cites a report version.
func reportCitation(r *report.Report) Citation {
	link := r.ARN
	if link == "" {
		link = fmt.Sprintf("report/%s:%d", r.ID, r.Version)
	}
	return Citation{SourceLabel: label(r.Name, "AWS Artifact report"), SourceContent: longString(describe(r)), SourceLink: longString(link)}
}

// describe says what a report version is, in one sentence.
func describe(r *report.Report) string {
	period := fmt.Sprintf("covers %s to %s", r.PeriodStart, r.PeriodEnd)
	if r.Type == report.Type1 {
		period = fmt.Sprintf("is as of %s", r.PeriodEnd)
	}
	return fmt.Sprintf("%s (%s, version %d) %s.", r.Name, r.ID, r.Version, period)
}

// label makes s a ShortStringAttribute: the characters outside AWS's set
// become spaces, runs of spaces one, at most 256 characters.
func label(s, fallback string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s) && b.Len() < MaxShortString; i++ {
		c := s[i]
		if isAlnum(c) || c == '_' || c == '-' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		space = true
	}
	out := b.String()
	if len(out) > MaxShortString {
		out = out[:MaxShortString]
	}
	if out = strings.TrimSpace(out); out == "" {
		return fallback
	}
	return out
}

// longString makes s a LongStringAttribute: without < and >, at most 2048
// characters.
func longString(s string) string {
	if !strings.ContainsAny(s, "<>") && len(s) <= MaxLongString {
		return s
	}
	return carriable(strings.Map(func(r rune) rune {
		if r == '<' || r == '>' {
			return -1
		}
		return r
	}, s))
}

// hipaa answers a HIPAA question.
func (s *snapshot) hipaa(services []string) Answer {
	var r reply
	eligible := s.elig.Services()
	if len(services) == 0 {
		r.say("%d services are HIPAA eligible: %s.", len(eligible), strings.Join(eligible, ", "))
	}
	for _, svc := range services {
		if s.elig.Eligible(svc) {
			r.say("Yes: %s is a HIPAA Eligible Service, which may hold protected health information under the AWS Business Associate Addendum.", svc)
		} else {
			r.say("No: %s is not on the list of HIPAA Eligible Services; do not put protected health information in it.", svc)
		}
	}
	if s.hipaaCitation == nil {
		s.hipaaCitation = &Citation{SourceLabel: "HIPAA Eligible Services", SourceContent: longString("Services eligible to hold PHI under the AWS BAA: " + strings.Join(eligible, ", ") + "."), SourceLink: HIPAAReference}
	}
	r.cite(*s.hipaaCitation)
	for i := range s.agreements {
		a := &s.agreements[i]
		if a.Kind != agreement.KindBAA {
			continue
		}
		if scopes := s.acceptedScopes(a.ID); len(scopes) > 0 {
			r.say("Your account has accepted the %s (%s scope), so it is a HIPAA Account.", a.Name, scopeWords(scopes))
		} else {
			r.say("Your account has not accepted the %s; accept it in AWS Artifact before storing PHI.", a.Name)
		}
		r.cite(s.citeAgreement(a))
	}
	return r.answer()
}

// agreementsAnswer answers an agreement question for the account.
func (s *snapshot) agreementsAnswer() Answer {
	var r reply
	if len(s.agreements) == 0 {
		return Answer{Response: noAnswer}
	}
	why := s.organizationScope()
	for i := range s.agreements {
		a := &s.agreements[i]
		accepted := s.acceptedScopes(a.ID)
		var open, closed []agreement.Scope
		for _, sc := range a.Subjects {
			switch {
			case slices.Contains(accepted, sc):
			case sc == agreement.ScopeOrganization && why != "":
				closed = append(closed, sc)
			default:
				open = append(open, sc)
			}
		}
		var parts []string
		if len(accepted) > 0 {
			parts = append(parts, fmt.Sprintf("accepted at %s scope", scopeWords(accepted)))
		}
		if len(open) > 0 {
			verb := "can be accepted"
			if len(accepted) > 0 {
				verb = "can also be accepted"
			}
			parts = append(parts, fmt.Sprintf("%s at %s scope", verb, scopeWords(open)))
		}
		if len(closed) > 0 {
			parts = append(parts, "not at organization scope: "+why)
		}
		if len(parts) == 0 {
			parts = append(parts, "offered at no scope")
		}
		r.say("%s: %s.", a.Name, strings.Join(parts, "; "))
		r.cite(s.citeAgreement(a))
	}
	if s.orgs == nil {
		r.say("Organization scope is accepted by the organization's management account.")
	}
	return r.answer()
}

// organizationScope returns why the account cannot accept agreements at
// organization scope, or "" when it can (or when nothing says: no
// organization source).
func (s *snapshot) organizationScope() string {
	if s.orgScope != nil {
		return *s.orgScope
	}
	why := ""
	if s.orgs != nil {
		m, err := s.orgs.OrganizationOf(s.ctx, s.account, s.at)
		switch {
		case err != nil || !m.InOrganization():
			why = "the account is in no organization"
		default:
			o, err := s.orgs.Organization(s.ctx, m.Org)
			switch {
			case err != nil:
				why = "the account's organization is unknown"
			case string(o.ManagementAccount) != string(s.account):
				why = "only the management account of the organization accepts for it"
			case o.FeatureSet != org.AllFeatures:
				why = "the organization must be enabled for all features"
			case !o.ArtifactEnabled():
				why = "the organization must enable AWS Artifact's trusted access"
			}
		}
	}
	s.orgScope = &why
	return why
}

// acceptedScopes returns the scopes at which the account's customer
// agreements of id are ACTIVE.
func (s *snapshot) acceptedScopes(id agreement.ID) []agreement.Scope {
	if s.accepted == nil {
		s.accepted = map[agreement.ID][]agreement.Scope{}
	}
	if sc, ok := s.accepted[id]; ok {
		return sc
	}
	var out []agreement.Scope
	if s.src != nil && s.account.IsValid() {
		for _, sc := range []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization} {
			// A lookup that fails (no customer agreement, an account in no
			// organization) is an agreement not accepted at that scope.
			if ca, err := s.src.Lookup(s.ctx, s.account, id, sc); err == nil && ca.State == agreement.Active {
				out = append(out, sc)
			}
		}
	}
	s.accepted[id] = out
	return out
}

func scopeWords(scopes []agreement.Scope) string {
	words := make([]string, len(scopes))
	for i, sc := range scopes {
		words[i] = strings.ToLower(string(sc))
	}
	return strings.Join(words, " and ")
}

// agreementCitation cites an agreement.
func agreementCitation(a *agreement.Agreement) Citation {
	content := a.Description
	if content == "" {
		content = a.Name
	}
	return Citation{SourceLabel: label(a.Name, "AWS agreement"), SourceContent: longString(content), SourceLink: longString(a.ARN)}
}

// categories answers a Trust Services question.
func (s *snapshot) categories(cats []report.TrustCategory, families []string) Answer {
	var r reply
	for i := range s.reports {
		rep := &s.reports[i]
		if len(rep.TrustCategories) == 0 || (len(families) > 0 && !slices.Contains(families, normalize(rep.Family))) {
			continue
		}
		var yes, no []string
		for _, c := range cats {
			if rep.Covers(c) {
				yes = append(yes, string(c))
			} else {
				no = append(no, string(c))
			}
		}
		switch {
		case len(no) == 0:
			r.say("%s (version %d) examines %s.", rep.Name, rep.Version, strings.Join(yes, ", "))
		case len(yes) == 0:
			r.say("%s (version %d) does not examine %s.", rep.Name, rep.Version, strings.Join(no, ", "))
		default:
			r.say("%s (version %d) examines %s but not %s.", rep.Name, rep.Version, strings.Join(yes, ", "), strings.Join(no, ", "))
		}
		r.cite(s.citeReport(rep))
	}
	if len(r.lines) == 0 {
		return Answer{Response: "The report catalog holds no SOC 2 or SOC 3 report that states its Trust Services categories."}
	}
	return r.answer()
}

// scope answers whether services (in regions) are in scope.
func (s *snapshot) scope(services, regions, families, series []string) Answer {
	var r reply
	for i := range s.reports {
		rep := &s.reports[i]
		if !matches(rep, families, series) || rep.Scope.IsZero() {
			continue
		}
		var in, out []string
		check := func(what string, ok bool) {
			if ok {
				in = append(in, what)
			} else {
				out = append(out, what)
			}
		}
		switch {
		case len(services) == 0:
			for _, reg := range regions {
				check(reg, s.scopeOf(i).regions[reg])
			}
		case len(regions) == 0:
			for _, svc := range services {
				check(svc, s.scopeOf(i).services[svc])
			}
		default:
			for _, svc := range services {
				for _, reg := range regions {
					check(svc+" in "+reg, rep.Scope.Contains(svc, reg))
				}
			}
		}
		switch {
		case len(out) == 0:
			r.say("In scope of %s (version %d): %s.", rep.Name, rep.Version, strings.Join(in, "; "))
		case len(in) == 0:
			r.say("Not in scope of %s (version %d): %s.", rep.Name, rep.Version, strings.Join(out, "; "))
		default:
			r.say("In scope of %s (version %d): %s; not in scope: %s.", rep.Name, rep.Version, strings.Join(in, "; "), strings.Join(out, "; "))
		}
		r.cite(s.citeReport(rep))
	}
	if len(r.lines) == 0 {
		return Answer{Response: "The report catalog holds no report that states its scope for this question."}
	}
	return r.answer()
}

// frameworks answers which reports of the families or series exist.
func (s *snapshot) frameworks(families, series []string) Answer {
	var r reply
	for i := range s.reports {
		rep := &s.reports[i]
		if !matches(rep, families, series) {
			continue
		}
		r.say("Yes: %s", describe(rep))
		r.cite(s.citeReport(rep))
	}
	if len(r.lines) == 0 {
		return Answer{Response: noAnswer}
	}
	r.say("Download reports from AWS Artifact after accepting their terms.")
	return r.answer()
}

// program answers about a compliance program the catalog has no report
// of.
func (s *snapshot) program(p report.Program) Answer {
	msg := fmt.Sprintf("The report catalog holds no %s report.", p.Name)
	if len(p.Regions) > 0 {
		msg += fmt.Sprintf(" %s is limited to %s.", p.Name, strings.Join(p.Regions, ", "))
	}
	return Answer{Response: msg, ReviewType: ReviewAI}
}
