// Package scenariotest runs the service scenarios, which pin how each
// operation of package artifact is authorized and gated (rules G1-G7, N1,
// N2, T1, A12, R1, S1 of the rulebook, RULES.md at the repository's root),
// against a Service on the stores a caller chooses. Its corpus is
// testdata/service.json, embedded; the file format is described in
// RULES.md, section "The scenario corpora".
//
// Run it from a test of a store implementation, with fresh stores for each
// scenario:
//
//	func TestServiceScenarios(t *testing.T) {
//		scenariotest.Run(t, "", func(tb testing.TB) scenariotest.Stores {
//			db := mystore.Open(tb)
//			return scenariotest.Stores{Org: db.Orgs(), Agreement: db.Agreements(), Report: db.Reports()}
//		})
//	}
//
// A nil store is an in-memory one. Every scenario is its own subtest. The
// corpus is decoded strictly: an unknown field, operation, caller, report
// ref, agreement name, error type or argument, an expect the operation
// cannot have, a policy that does not parse, fails the run before any
// scenario runs. Each step's answer is compared with everything its
// expect says (error type, the action and resource a denial names, the
// reports a listing returns), each call must leave exactly one audit
// record, and a step that fails must change nothing the account can
// observe.
//
// The operations a step may name are one table in the package (ops, in
// ops.go), keyed by AWS operation name: an operation added to the service
// is one entry there, with its arguments and how it runs. The environment
// variable SERVICE_SCENARIOS, when set, names a file of the same format to
// run instead of the corpus Run was given.
//
// RunInquiries runs the compliance inquiry scenarios (the kit's
// testdata/inquiries.json, embedded as InquiryCorpus; RULES.md, section
// "inquiries.json"), whose steps take the nine inquiry and tagging
// operations and the service's own side (the clock, the processing
// schedule, AWS's human reviewers); Stores.Inquiry is their store.
// INQUIRY_SCENARIOS names a file to run instead.
package scenariotest
