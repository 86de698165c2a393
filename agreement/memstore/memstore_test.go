package memstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/agreement/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) agreement.Store { return memstore.New() })
}

// The zero Store is an empty store ready to use (CONTRIBUTING.md).
func TestZeroValueIsUsable(t *testing.T) {
	storetest.Run(t, func(t *testing.T) agreement.Store { return new(memstore.Store) })
}

// Every method honours a canceled context.
func TestCanceledContext(t *testing.T) {
	s := memstore.New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var zero time.Time
	errs := []error{}
	add := func(_ any, err error) { errs = append(errs, err) }
	add(s.InsertAgreement(ctx, agreement.Agreement{}))
	add(s.UpdateAgreement(ctx, agreement.Agreement{}))
	add(s.Agreement(ctx, ""))
	add(s.Agreements(ctx, "", 0))
	add(s.AgreementsOfKind(ctx, agreement.KindBAA))
	add(s.InsertCustomerAgreement(ctx, agreement.CustomerAgreement{}))
	add(s.UpdateCustomerAgreement(ctx, agreement.CustomerAgreement{}))
	add(s.CustomerAgreement(ctx, ""))
	add(s.LatestCustomerAgreement(ctx, agreement.Key{}))
	add(s.CustomerAgreementAt(ctx, agreement.Key{}, zero))
	add(s.ActiveCustomerAgreements(ctx, agreement.ActiveFilter{}, "", 0))
	add(s.PutNDA(ctx, agreement.NDAAcceptance{}))
	add(s.NDA(ctx, "", "", ""))
	add(nil, s.PutOutsideNDA(ctx, agreement.OutsideNDA{}))
	add(s.OutsideNDAs(ctx, ""))
	add(nil, s.InsertToken(ctx, agreement.Token{}))
	add(s.Token(ctx, ""))
	add(s.DeleteExpiredTokens(ctx, zero))
	add(s.InsertDesignation(ctx, agreement.Designation{}))
	add(s.UpdateDesignation(ctx, agreement.Designation{}))
	add(s.LatestDesignation(ctx, ""))
	add(s.DesignationAt(ctx, "", zero))
	for i, err := range errs {
		require.ErrorIs(t, err, context.Canceled, "method %d", i)
	}
}
