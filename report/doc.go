// Package report models the AWS Artifact report catalog: reports and their
// versions, the terms and approval gates in front of a download, the SOC
// release calendar, which version covers an audit window and the gap after
// it, and the services and regions in scope.
package report
