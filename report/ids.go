package report

import (
	"errors"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// The prefixes and lengths of AWS's identifiers.
const (
	reportIDPrefix   = "report-"
	termIDPrefix     = "term-"
	termTokenPrefix  = "term-token-"
	idSuffixLen      = 16 // ReportId ^report-[a-zA-Z0-9]{16}$, TermId ^term-[a-zA-Z0-9]{16}$
	tokenSuffixLen   = 24 // like AWS's example term-token-abcdefghijklm01234567890
	maxShortString   = 256
	maxLongString    = 2048
	defaultPartition = "aws"
)

// ValidateID reports whether id is a report id: "report-" and 16 ASCII
// letters or digits (AWS's ReportId pattern). The error is a
// *ValidationError for field reportId.
func ValidateID(id string) error {
	if !aws.ValidID(reportIDPrefix, id, idSuffixLen) {
		return aws.InvalidField("reportId", "%q is not report- and 16 letters or digits", aws.Clip(id))
	}
	return nil
}

// ValidateTermToken reports whether tok has the shape of a term token:
// "term-token-" and 24 letters or digits. A token of the right shape may
// still be unknown or expired.
func ValidateTermToken(tok string) error {
	if !aws.ValidID(termTokenPrefix, tok, tokenSuffixLen) {
		return aws.InvalidField("termToken", "%q is not term-token- and 24 letters or digits", aws.Clip(tok))
	}
	return nil
}

// validateAccount reports whether a is a 12-digit AWS account id.
func validateAccount(a aws.AccountID) error {
	if !a.IsValid() {
		return aws.InvalidField("account", "%q is not 12 digits", aws.Clip(string(a)))
	}
	return nil
}

// ARN is the ARN of one version of a report:
// arn:<partition>:artifact:<region>::report/<id>:<version>.
type ARN = aws.ReportARN

// ParseARN parses the ARN of a report version. It accepts exactly AWS's
// form with a concrete version (no wildcards, no account). The error is a
// *ValidationError for field reportArn.
func ParseARN(s string) (ARN, error) {
	a, err := aws.ParseReportARN(s)
	if err != nil {
		return ARN{}, arnInvalid("reportArn", s, err)
	}
	return a, nil
}

// TermARN is the ARN of one version of a report's terms:
// arn:<partition>:artifact:<region>::term/<term-id>:<version>.
type TermARN = aws.TermARN

// ParseTermARN parses the ARN of a version of a report's terms. The error
// is a *ValidationError for field termArn.
func ParseTermARN(s string) (TermARN, error) {
	a, err := aws.ParseTermARN(s)
	if err != nil {
		return TermARN{}, arnInvalid("termArn", s, err)
	}
	return a, nil
}

// arnInvalid is the *ValidationError of field, an ARN s that the aws
// parser refused with err.
func arnInvalid(field, s string, err error) error {
	var pe *aws.ParseError
	if errors.As(err, &pe) && pe.Field != "" {
		return aws.InvalidField(field, "%q is not a %s: %s: %s", aws.Clip(s), pe.What, pe.Field, pe.Reason)
	}
	return aws.InvalidField(field, "%q is not a valid ARN", aws.Clip(s))
}

// parseVersion parses a version: decimal, at least 1, no sign, no leading
// zero.
func parseVersion(s string) (int64, bool) {
	if s == "" || s[0] == '0' || len(s) > 18 {
		return 0, false
	}
	n, ok := digits(s)
	return int64(n), ok && n >= 1
}
