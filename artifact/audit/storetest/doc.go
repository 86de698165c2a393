// Package storetest is the conformance kit for audit.Store
// implementations: run it from a test of your store and it checks
// sequencing, conflicts, reading and the aliasing contract.
package storetest
