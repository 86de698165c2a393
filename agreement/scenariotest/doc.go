// Package scenariotest runs the agreement scenarios, the stateful rules of
// agreements, organizations and HIPAA Accounts (rules A1-A13, H1-H6, N1,
// T1 of the rulebook, RULES.md at the repository's root), against package
// agreement on the stores a caller chooses. Its corpus is
// testdata/agreements.json, embedded; the file format is described in
// RULES.md, section "The scenario corpora".
//
// Run it from a test of a store implementation, with fresh stores for each
// scenario:
//
//	func TestScenarios(t *testing.T) {
//		scenariotest.Run(t, "", func(tb testing.TB) scenariotest.Stores {
//			return scenariotest.Stores{Org: mystore.NewOrgStore(tb), Agreement: mystore.NewAgreementStore(tb)}
//		})
//	}
//
// Every scenario is its own subtest. The corpus is decoded strictly: an
// unknown field, op, agreement name, error code or event kind, an
// argument an op does not take or lacks, an instant that goes back, fails
// the run before any scenario runs. Each action's answer is compared with
// its expect, a failed action must change nothing the scenario's accounts
// can observe, and each check compares every output the format defines.
//
// The environment variable AGREEMENT_SCENARIOS, when set, names a file of
// the same format to run instead of the corpus Run was given.
package scenariotest
