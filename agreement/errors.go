package agreement

import (
	"errors"
	"fmt"
	"strings"

	"github.com/artifactkit/artifactkit/org"
)

// Sentinel errors. Every error of this package wraps one of them (or one of
// package org's, such as [org.ErrNotInOrganization]); match with
// [errors.Is]. Where the AWS Artifact console words a condition (its
// troubleshooting table), the message is the console's, lower-cased.
//
// How they map to AWS's errors: ErrInvalidInput, ErrNDARequired,
// ErrInvalidToken (reason invalidToken) and the scope and state errors are
// ValidationExceptions; the not-found errors are ResourceNotFoundException.
//
// When several apply to Accept, the first in this order is returned:
// ErrInvalidInput, ErrAgreementNotFound, ErrNDARequired, ErrInvalidToken,
// ErrScopeNotOffered, org.ErrNotInOrganization, ErrNotManagementAccount,
// ErrAllFeaturesRequired, ErrTrustedAccessRequired, ErrAlreadyActive.
// Terminate checks ErrInvalidInput, ErrCustomerAgreementNotFound,
// ErrInvalidToken, ErrNotManagementAccount, ErrNotActive, in that order;
// it needs no NDA, and neither all features nor trusted access.
var (
	// ErrInvalidInput: an id, token format, scope or other argument is
	// malformed. It is org.ErrInvalidInput, so one sentinel matches
	// invalid account and organization ids too.
	ErrInvalidInput = org.ErrInvalidInput

	// ErrNotFound: from a Store, the record does not exist. The
	// Registry's own not-found errors wrap it too. It is org.ErrNotFound.
	ErrNotFound = org.ErrNotFound

	// ErrAgreementNotFound: no agreement has that id.
	ErrAgreementNotFound = fmt.Errorf("agreement %w", ErrNotFound)

	// ErrCustomerAgreementNotFound: no customer agreement with that id is
	// visible to the account. An account sees its own, and the
	// organization agreements of the organization it is in (AWS answers
	// ResourceNotFoundException for the rest).
	ErrCustomerAgreementNotFound = fmt.Errorf("customer agreement %w", ErrNotFound)

	// ErrExists: a record with that id already exists. It is
	// org.ErrExists.
	ErrExists = org.ErrExists

	// ErrConflict: a store write was made against a stale sequence number
	// or would break a uniqueness rule. Registry operations retry after
	// re-reading and re-validating, and return it only when contention
	// persists. AWS's agreement operations name no ConflictException.
	// It is org.ErrConflict.
	ErrConflict = org.ErrConflict

	// ErrNDARequired: the account has not accepted the NDA of the
	// agreement's current revision (N1).
	ErrNDARequired = errors.New("you must accept the NDA for this agreement first")

	// ErrInvalidToken: a token is unknown, of the wrong kind, for another
	// account, agreement, revision or customer agreement, or expired
	// (T1). AWS answers ValidationException with reason invalidToken. The
	// error is a *TokenError saying which.
	ErrInvalidToken = errors.New("invalid token")

	// ErrScopeNotOffered: the agreement is not offered at that scope (its
	// subjects do not include it).
	ErrScopeNotOffered = errors.New("the agreement is not offered at this scope")

	// ErrNotManagementAccount: an organization-scope acceptance or
	// termination by an account that is not its organization's
	// management account (A2).
	ErrNotManagementAccount = errors.New("only the management account can accept or terminate organization agreements")

	// ErrAllFeaturesRequired: organization scope in an organization with
	// consolidated billing only (A4). It is org.ErrAllFeaturesRequired.
	ErrAllFeaturesRequired = org.ErrAllFeaturesRequired

	// ErrTrustedAccessRequired: organization scope without trusted access
	// for Artifact or without Artifact's service-linked role (A5).
	ErrTrustedAccessRequired = errors.New("before you can manage agreements for your organization, AWS Artifact needs trusted access to your organization and its service-linked role")

	// ErrAlreadyActive: an active customer agreement of that account (or
	// organization), agreement and scope exists.
	ErrAlreadyActive = errors.New("the agreement is already active")

	// ErrNotActive: the customer agreement is not active; there is
	// nothing to terminate.
	ErrNotActive = errors.New("the customer agreement is not active")

	// ErrOfflineNotSupported: Artifact cannot designate accounts under an
	// offline BAA, terminate it, or download it (H6).
	ErrOfflineNotSupported = errors.New("an offline BAA cannot be designated, terminated or downloaded in AWS Artifact")

	// ErrNotDesignated: the account is not designated a HIPAA Account
	// under an offline BAA.
	ErrNotDesignated = errors.New("the account is not designated a HIPAA Account under an offline BAA")

	// ErrAlreadyDesignated: the account is already designated under an
	// offline BAA.
	ErrAlreadyDesignated = errors.New("the account is already designated a HIPAA Account under an offline BAA")
)

// Error records a failed [Registry] operation: which operation, on what,
// and why. It wraps the cause, so errors.Is matches the sentinels above.
type Error struct {
	Op                string              // the operation, e.g. "accept"
	Account           org.AccountID       // the account acting or acted on, if any
	Agreement         ID                  // the agreement, if any
	CustomerAgreement CustomerAgreementID // the customer agreement, if any
	Err               error               // the cause
}

// Error describes the failed operation and its cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("agreement: ")
	b.WriteString(e.Op)
	if e.Agreement != "" {
		b.WriteString(" ")
		b.WriteString(string(e.Agreement))
	}
	if e.CustomerAgreement != "" {
		b.WriteString(" ")
		b.WriteString(string(e.CustomerAgreement))
	}
	if e.Account != "" {
		b.WriteString(" for account ")
		b.WriteString(string(e.Account))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// TokenError says why a token was refused. It wraps [ErrInvalidToken].
type TokenError struct {
	// Reason says why in words, such as "the terminate token was issued
	// for customer agreement customer-agreement-…".
	Reason string
}

// Error says why the token was refused.
func (e *TokenError) Error() string { return "invalid token: " + e.Reason }

// Unwrap returns [ErrInvalidToken].
func (e *TokenError) Unwrap() error { return ErrInvalidToken }
