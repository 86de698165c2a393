// Package audit is the append-only, hash-chained audit trail of the
// artifact service (rules G5 and R6): every call, allowed or denied, is
// recorded with the principal, the action, the resource, the decision and
// the time, and Verify detects any record changed, removed, inserted or
// reordered.
//
// Records are kept by a Store; package memstore holds the in-memory one and
// package storetest the conformance kit every Store must pass. Hashing and
// chaining happen in Log, so a Store only keeps bytes in order.
//
// # Rules
//
// Rule ids such as G5 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
package audit
