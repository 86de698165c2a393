// Package storetest is the conformance kit for notify.Store
// implementations.
package storetest
