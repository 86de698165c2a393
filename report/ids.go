package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The prefixes and lengths of AWS's identifiers.
const (
	reportIDPrefix   = "report-"
	termIDPrefix     = "term-"
	termTokenPrefix  = "term-token-"
	idSuffixLen      = 16 // ReportId ^report-[a-zA-Z0-9]{16}$, TermId ^term-[a-zA-Z0-9]{16}$
	tokenSuffixLen   = 24 // like AWS's example term-token-abcdefghijklm01234567890
	alphanumerics    = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	maxShortString   = 256
	maxLongString    = 2048
	defaultPartition = "aws"
	defaultRegion    = "us-east-1"
)

// ValidateID reports whether id is a report id: "report-" and 16 ASCII
// letters or digits (AWS's ReportId pattern). The error is a
// *ValidationError for field reportId.
func ValidateID(id string) error {
	if !hasAlnumSuffix(id, reportIDPrefix, idSuffixLen) {
		return invalid("reportId", "%q is not report- and 16 letters or digits", clip(id))
	}
	return nil
}

// validTermID reports whether id is "term-" and 16 letters or digits.
func validTermID(id string) bool { return hasAlnumSuffix(id, termIDPrefix, idSuffixLen) }

// ValidateTermToken reports whether tok has the shape of a term token:
// "term-token-" and 24 letters or digits. A token of the right shape may
// still be unknown or expired.
func ValidateTermToken(tok string) error {
	if !hasAlnumSuffix(tok, termTokenPrefix, tokenSuffixLen) {
		return invalid("termToken", "%q is not term-token- and 24 letters or digits", clip(tok))
	}
	return nil
}

// validateAccount reports whether a is a 12-digit AWS account id.
func validateAccount(a string) error {
	if len(a) != 12 {
		return invalid("account", "%q is not 12 digits", clip(a))
	}
	if _, ok := digits(a); !ok {
		return invalid("account", "%q is not 12 digits", clip(a))
	}
	return nil
}

func hasAlnumSuffix(s, prefix string, n int) bool {
	if len(s) != len(prefix)+n || !strings.HasPrefix(s, prefix) {
		return false
	}
	for i := len(prefix); i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// isAlnum reports whether c is an ASCII letter or digit: a test of one bit
// of alnumLo (bytes 0-63) or alnumHi (64-127).
func isAlnum(c byte) bool {
	if c < 64 {
		return alnumLo>>c&1 != 0
	}
	return c < 128 && alnumHi>>(c-64)&1 != 0
}

const (
	alnumLo = 0x03FF_0000_0000_0000 // '0'-'9'
	alnumHi = 0x07FF_FFFE_07FF_FFFE // 'A'-'Z', 'a'-'z'
)

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// randomAlnum reads n uniformly chosen letters and digits from r.
func randomAlnum(r io.Reader, n int) (string, error) {
	out := make([]byte, 0, n)
	var buf [32]byte
	for len(out) < n {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return "", fmt.Errorf("report: reading randomness: %w", err)
		}
		for _, b := range buf {
			// 62*4 = 248: reject the top bytes so that every symbol is
			// equally likely.
			if b < 248 && len(out) < n {
				out = append(out, alphanumerics[b%62])
			}
		}
	}
	return string(out), nil
}

// ARN is the ARN of one version of a report:
// arn:<partition>:artifact:<region>::report/<id>:<version>.
type ARN struct {
	Partition string
	Region    string
	ReportID  string
	Version   int64
}

// String returns the ARN in AWS's form.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":artifact:" + a.Region + "::report/" + a.ReportID + ":" +
		strconv.FormatInt(a.Version, 10)
}

// ParseARN parses the ARN of a report version. It accepts exactly AWS's
// form with a concrete version (no wildcards, no account).
func ParseARN(s string) (ARN, error) {
	p, r, res, ok := splitArtifactARN(s)
	if !ok {
		return ARN{}, invalid("reportArn", "%q is not arn:<partition>:artifact:<region>::report/<id>:<version>", clip(s))
	}
	id, v, ok := splitVersioned(res, "report/")
	if !ok || ValidateID(id) != nil {
		return ARN{}, invalid("reportArn", "%q does not name report/<report-id>:<version>", clip(s))
	}
	return ARN{Partition: p, Region: r, ReportID: id, Version: v}, nil
}

// TermARN is the ARN of one version of a report's terms:
// arn:<partition>:artifact:<region>::term/<term-id>:<version>.
type TermARN struct {
	Partition string
	Region    string
	TermID    string
	Version   int64
}

// String returns the ARN in AWS's form.
func (a TermARN) String() string {
	return "arn:" + a.Partition + ":artifact:" + a.Region + "::term/" + a.TermID + ":" +
		strconv.FormatInt(a.Version, 10)
}

// ParseTermARN parses the ARN of a version of a report's terms.
func ParseTermARN(s string) (TermARN, error) {
	p, r, res, ok := splitArtifactARN(s)
	if !ok {
		return TermARN{}, invalid("termArn", "%q is not arn:<partition>:artifact:<region>::term/<id>:<version>", clip(s))
	}
	id, v, ok := splitVersioned(res, "term/")
	if !ok || !validTermID(id) {
		return TermARN{}, invalid("termArn", "%q does not name term/<term-id>:<version>", clip(s))
	}
	return TermARN{Partition: p, Region: r, TermID: id, Version: v}, nil
}

// splitArtifactARN splits arn:<partition>:artifact:<region>::<resource>,
// checking the partition and region.
func splitArtifactARN(s string) (partition, region, resource string, ok bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "artifact" || parts[4] != "" {
		return "", "", "", false
	}
	if !validPartition(parts[1]) || !validRegion(parts[3]) {
		return "", "", "", false
	}
	return parts[1], parts[3], parts[5], true
}

// splitVersioned splits <kind>/<id>:<version> with version >= 1 in
// canonical decimal.
func splitVersioned(res, kind string) (string, int64, bool) {
	rest, ok := strings.CutPrefix(res, kind)
	if !ok {
		return "", 0, false
	}
	id, vs, ok := strings.Cut(rest, ":")
	if !ok {
		return "", 0, false
	}
	v, ok := parseVersion(vs)
	return id, v, ok
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

// validPartition reports whether p looks like an AWS partition: "aws" or
// "aws-" and lower-case words ("aws-us-gov", "aws-cn", "aws-iso-b").
func validPartition(p string) bool {
	if p == "aws" {
		return true
	}
	rest, ok := strings.CutPrefix(p, "aws-")
	return ok && lowerWords(rest) && len(p) <= 32
}

// validRegion reports whether r looks like an AWS region: lower-case words
// joined by dashes and ending in a number ("us-east-1", "us-gov-west-1").
func validRegion(r string) bool {
	i := strings.LastIndexByte(r, '-')
	if i <= 0 || len(r) > 32 {
		return false
	}
	if _, ok := digits(r[i+1:]); !ok || i+1 == len(r) {
		return false
	}
	return lowerWords(r[:i])
}

// lowerWords reports whether s is one or more words of a-z joined by
// single dashes.
func lowerWords(s string) bool {
	if s == "" {
		return false
	}
	for _, w := range strings.Split(s, "-") {
		if w == "" {
			return false
		}
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				return false
			}
		}
	}
	return true
}
