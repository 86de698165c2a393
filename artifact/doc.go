// Package artifact is the AWS Artifact service as a library: every portal
// operation (ListReports, GetReport, AcceptAgreement, ...) authorized by
// package policy, gated by packages agreement and report, recorded in a
// hash-chained audit trail and announced to subscribers.
//
// It is the only package that composes the others; nothing but examples and
// users import it.
package artifact
