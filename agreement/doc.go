// Package agreement models AWS Artifact agreements: the templates AWS
// offers (BAA, addenda, custom), the NDA gate and token chain in front of
// them, customer agreements accepted at account or organization scope,
// which one governs an account at any instant, and HIPAA Account designation.
package agreement
