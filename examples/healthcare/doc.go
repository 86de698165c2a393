// Command healthcare walks through the healthcare start-up of the AWS
// Artifact overview: MedTech Global runs its workloads in an AWS
// organization, accepts the Business Associate Addendum for the whole
// organization so that every account becomes a HIPAA Account, grows and
// shrinks, keeps one account's own BAA when the organization's ends, and
// lets an external auditor download the SOC 2 report that covers its audit
// window, and nothing else.
//
// Everything runs on artifactkit's in-memory stores with a fixed clock, so the
// output is the same on every run:
//
//	go run ./examples/healthcare
package main
