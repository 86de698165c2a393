// Package policy parses and evaluates AWS IAM policy documents for
// artifact:* actions with the same answer as AWS: identity policies, the
// organization's service control policies and permissions boundaries.
package policy
