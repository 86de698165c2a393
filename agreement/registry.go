package agreement

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/org"
)

// DefaultTokenLifetime is how long a token stays valid unless
// [WithTokenLifetime] says otherwise. AWS does not document its tokens'
// lifetime; an hour lets a person read an agreement before accepting it.
const DefaultTokenLifetime = time.Hour

// maxAttempts bounds how often an operation re-reads and retries after a
// store conflict before returning ErrConflict.
const maxAttempts = 16

// Registry is AWS Artifact's agreements: the catalog of agreements, the NDA
// gate and token chain, customer agreements at account and organization
// scope, offline BAA designations, and which of them governs an account at
// any instant. Membership comes from an [org.Directory].
//
// A Registry is safe for concurrent use; its state lives in its Store (and
// the Directory's), so several Registries may share them. Each operation
// either completes or changes nothing.
type Registry struct {
	store     Store
	dir       *org.Directory
	now       func() time.Time
	lifetime  time.Duration
	partition string

	rand io.Reader // safe for concurrent use (aws.SerialReader)

	// purged is when expired tokens were last purged, in Unix nanoseconds
	// of the Registry's clock.
	purged atomic.Int64
}

// Option configures a Registry.
type Option func(*Registry)

// WithClock sets the clock that dates every acceptance, termination and
// token (default: the Directory's clock). Use the same clock as the
// Directory. Times are converted to UTC.
func WithClock(now func() time.Time) Option {
	return func(r *Registry) {
		if now != nil {
			r.now = now
		}
	}
}

// WithRand sets the source of randomness for ids and tokens (default
// crypto/rand.Reader). Reads from it are serialized (aws.SerialReader, once
// for a reader that already is), so it need not be safe for concurrent
// use.
func WithRand(rd io.Reader) Option {
	return func(r *Registry) {
		if rd != nil {
			r.rand = rd
		}
	}
}

// WithTokenLifetime sets how long tokens stay valid (default
// DefaultTokenLifetime). A token is valid before Issued+lifetime.
func WithTokenLifetime(d time.Duration) Option {
	return func(r *Registry) {
		if d > 0 {
			r.lifetime = d
		}
	}
}

// WithPartition sets the AWS partition used in ARNs (default: the
// Directory's).
func WithPartition(partition string) Option {
	return func(r *Registry) {
		if partition != "" {
			r.partition = partition
		}
	}
}

// New returns a Registry over store and dir, which must not be nil (use
// [github.com/artifactkit/artifactkit/agreement/memstore.New] for an
// in-memory store).
func New(store Store, dir *org.Directory, opts ...Option) *Registry {
	if store == nil || dir == nil {
		panic("agreement: New with a nil Store or Directory")
	}
	r := &Registry{
		store:     store,
		dir:       dir,
		now:       dir.Now,
		lifetime:  DefaultTokenLifetime,
		partition: dir.Partition(),
		rand:      rand.Reader,
	}
	for _, o := range opts {
		o(r)
	}
	r.rand = aws.SerialReader(r.rand)
	return r
}

// Directory returns the Registry's organization directory.
func (r *Registry) Directory() *org.Directory { return r.dir }

// Now returns the Registry's clock reading, in UTC.
func (r *Registry) Now() time.Time { return r.now().UTC() }

// newID returns prefix and n letters or digits drawn from the Registry's
// source of randomness (aws.NewID).
func (r *Registry) newID(prefix string, n int) (string, error) {
	id, err := aws.NewID(r.rand, prefix, n)
	if err != nil {
		return "", fmt.Errorf("agreement: %w", err)
	}
	return id, nil
}

// randomUUID returns a random (version 4) UUID.
func (r *Registry) randomUUID() (RevisionID, error) {
	var b [16]byte
	if _, err := io.ReadFull(r.rand, b[:]); err != nil {
		return "", fmt.Errorf("agreement: reading randomness: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return RevisionID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])), nil
}

func (r *Registry) newCustomerAgreementID() (CustomerAgreementID, error) {
	s, err := r.newID("customer-agreement-", 16)
	return CustomerAgreementID(s), err
}

// issue mints and stores a token of kind k.
func (r *Registry) issue(ctx context.Context, t Token) (Token, error) {
	prefix := agreementTokenPrefix
	if t.Kind == TokenNDA || t.Kind == TokenGetAgreement {
		prefix = ndaTokenPrefix
	}
	t.Issued = r.Now()
	t.Expires = t.Issued.Add(r.lifetime)
	for range maxAttempts {
		s, err := r.newID(prefix, tokenLen)
		if err != nil {
			return Token{}, err
		}
		t.Value = s
		err = r.store.InsertToken(ctx, t)
		if errors.Is(err, ErrExists) {
			continue
		}
		if err == nil {
			r.purgeNow(ctx, t.Issued)
		}
		return t, err
	}
	return Token{}, ErrConflict
}

// redeem returns the token with that value if it is of kind k, for account
// and agreement, and unexpired; otherwise a *TokenError.
func (r *Registry) redeem(ctx context.Context, value string, k TokenKind, account org.AccountID, agreement ID) (Token, error) {
	if value == "" {
		return Token{}, &TokenError{Reason: "no " + tokenName(k) + " given"}
	}
	if !ValidTokenFormat(value) {
		return Token{}, &TokenError{Reason: "malformed " + tokenName(k)}
	}
	t, err := r.store.Token(ctx, value)
	if errors.Is(err, ErrNotFound) {
		return Token{}, &TokenError{Reason: "unknown " + tokenName(k)}
	}
	if err != nil {
		return Token{}, err
	}
	switch {
	case t.Kind != k:
		return Token{}, &TokenError{Reason: fmt.Sprintf("%s was given where %s is needed", article(t.Kind), article(k))}
	case t.Account != account:
		return Token{}, &TokenError{Reason: "the " + tokenName(k) + " was issued to another account"}
	case t.Agreement != agreement:
		return Token{}, &TokenError{Reason: "the " + tokenName(k) + " was issued for another agreement"}
	case !r.Now().Before(t.Expires):
		return Token{}, &TokenError{Reason: "the " + tokenName(k) + " expired at " + t.Expires.Format(time.RFC3339)}
	}
	return t, nil
}

// article returns the token's name with its indefinite article.
func article(k TokenKind) string {
	switch k {
	case TokenNDA, TokenAcceptanceTerms, TokenExecute:
		return "an " + tokenName(k)
	}
	return "a " + tokenName(k)
}

func tokenName(k TokenKind) string {
	switch k {
	case TokenNDA:
		return "NDA token"
	case TokenGetAgreement:
		return "get-agreement token"
	case TokenAcceptanceTerms:
		return "acceptance-terms token"
	case TokenExecute:
		return "execute token"
	case TokenTerminate:
		return "terminate token"
	}
	return "token"
}

// PurgeExpiredTokens deletes the tokens that have expired and returns how
// many. Expired tokens are refused whether or not they were purged;
// purging keeps the store from growing. Issuing a token purges by itself
// at most once a token lifetime, so a host need not call it.
func (r *Registry) PurgeExpiredTokens(ctx context.Context) (int, error) {
	now := r.Now()
	n, err := r.store.DeleteExpiredTokens(ctx, now)
	if err != nil {
		return 0, &Error{Op: "purge tokens", Err: err}
	}
	r.purged.Store(now.UnixNano())
	return n, nil
}

// purgeNow purges the expired tokens when the last purge is a token
// lifetime ago; one caller purges, the others go on. A failure is left for
// the next purge: the token issued is what the caller asked for.
func (r *Registry) purgeNow(ctx context.Context, now time.Time) {
	last := r.purged.Load()
	if now.UnixNano()-last < int64(r.lifetime) || !r.purged.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	_, _ = r.store.DeleteExpiredTokens(ctx, now)
}

// Page selects part of a listing: the entries after the key After (empty:
// from the start), at most Limit of them (<= 0: all). The zero Page is the
// whole listing. Listings return the key to resume after, so a host can
// build opaque next tokens.
type Page struct {
	// After is the key returned with the previous page; empty for the first.
	After string
	// Limit is the largest number of entries wanted; 0 or less means all.
	Limit int
}

func validAccount(a org.AccountID) error {
	if a.IsValid() {
		return nil
	}
	_, err := org.ParseAccountID(string(a))
	return err
}

func validID(id ID) error {
	if id.IsValid() {
		return nil
	}
	_, err := ParseID(string(id))
	return err
}

// found splits a store result, mapping ErrNotFound to ok == false.
func found[T any](v T, err error) (T, bool, error) {
	if errors.Is(err, ErrNotFound) {
		var zero T
		return zero, false, nil
	}
	if err != nil {
		var zero T
		return zero, false, err
	}
	return v, true, nil
}

func atLeast(t, floor time.Time) time.Time {
	if t.Before(floor) {
		return floor
	}
	return t
}
