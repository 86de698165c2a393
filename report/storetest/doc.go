// Package storetest is the conformance kit for report.Store
// implementations: run it from a test of your store and it checks
// versions, sequence numbers, scanning order, tokens, acceptances, access
// requests, concurrency and the aliasing contract.
package storetest
