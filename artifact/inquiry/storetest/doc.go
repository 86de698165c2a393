// Package storetest is the conformance kit for inquiry.Store
// implementations: Run checks one against the contract the interface
// documents (atomic writes, sequence numbers, client tokens, account
// scoping, listing order, due inquiries, feedback, isolation of values,
// cancelled contexts). Run it under -race.
package storetest
