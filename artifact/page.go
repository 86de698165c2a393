package artifact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Page limits of every List operation (AWS: maxResults 1..300, nextToken
// 1..2048 characters).
const (
	MaxResultsLimit   = 300
	DefaultMaxResults = 100
	maxTokenLen       = 2048
)

// errBadNextToken is the cause of a refused nextToken.
var errBadNextToken = errors.New("next token is not one this service issued for this call")

// pager mints and checks the opaque nextToken of List operations. A token
// carries the key of the last item returned (lists are in key order, so
// paging while others insert neither skips nor repeats an item present
// throughout) and a MAC binding it to the operation and the account, so a
// forged token, or one from another account or operation, is refused.
type pager struct {
	key [32]byte
}

// mac returns the token's authentication code.
func (p *pager) mac(op string, account aws.AccountID, after string) []byte {
	m := hmac.New(sha256.New, p.key[:])
	m.Write([]byte(op))
	m.Write([]byte{0})
	m.Write([]byte(account))
	m.Write([]byte{0})
	m.Write([]byte(after))
	return m.Sum(nil)[:16]
}

// next returns the token to continue op for account after key after, or
// "" when the list is exhausted (after is empty).
func (p *pager) next(op string, account aws.AccountID, after string) string {
	if after == "" {
		return ""
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(after)) + "." + enc.EncodeToString(p.mac(op, account, after))
}

// page checks maxResults and nextToken of a call to op by account and
// returns the limit and the key to continue after ("" for the first page).
func (p *pager) page(op string, account aws.AccountID, maxResults int, nextToken string) (limit int, after string, err error) {
	switch {
	case maxResults == 0:
		limit = DefaultMaxResults
	case maxResults < 1 || maxResults > MaxResultsLimit:
		return 0, "", invalidField("maxResults", "must be between 1 and 300", nil)
	default:
		limit = maxResults
	}
	if nextToken == "" {
		return limit, "", nil
	}
	if len(nextToken) > maxTokenLen && utf8.RuneCountInString(nextToken) > maxTokenLen {
		// Outside the model's length (NextTokenAttribute, 1 to 2048
		// characters, as AWS counts them): a malformed field, not a token
		// refused.
		return 0, "", invalidField("nextToken", "must be 1 to 2048 characters", errBadNextToken)
	}
	bad := &ValidationException{
		Message:   "invalid nextToken: not issued by this service for this call",
		Reason:    ReasonInvalidToken,
		FieldList: []ValidationExceptionField{{Name: "nextToken", Message: "not issued by this service for this call"}},
		Err:       errBadNextToken,
	}
	body, sig, ok := strings.Cut(nextToken, ".")
	if !ok {
		return 0, "", bad
	}
	// Strict decoding: one token has one spelling, so that only the very
	// string this pager minted is accepted.
	enc := base64.RawURLEncoding.Strict()
	a, err1 := enc.DecodeString(body)
	s, err2 := enc.DecodeString(sig)
	if err1 != nil || err2 != nil || len(a) == 0 || !hmac.Equal(s, p.mac(op, account, string(a))) {
		return 0, "", bad
	}
	return limit, string(a), nil
}

// collect pages through a keyed listing (fetch returns a page after a key
// and the key to resume after, "" at the end), keeping the items keep
// accepts, until limit are kept. It returns them and the key to resume
// after, "" when the listing is done.
func collect[T any](limit int, after string, fetch func(after string, limit int) ([]T, string, error),
	key func(T) string, keep func(T) bool) ([]T, string, error) {
	var out []T
	for {
		page, next, err := fetch(after, limit)
		if err != nil {
			return nil, "", err
		}
		for i, item := range page {
			after = key(item)
			if !keep(item) {
				continue
			}
			out = append(out, item)
			if len(out) == limit {
				if next == "" && i == len(page)-1 {
					return out, "", nil
				}
				return out, after, nil
			}
		}
		if next == "" {
			return out, "", nil
		}
		after = next
	}
}
