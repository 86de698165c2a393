// Package org models AWS Organizations as AWS Artifact sees them:
// organizations, their feature set and trusted access, and account
// membership with its full history, answerable for any past instant.
package org
