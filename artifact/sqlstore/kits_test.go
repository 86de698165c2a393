package sqlstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/agreement"
	agreementtest "github.com/artifactkit/artifactkit/agreement/storetest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/org"
	orgtest "github.com/artifactkit/artifactkit/org/storetest"
)

// Every conformance kit of the library passes on both databases.

func TestOrgStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		orgtest.Run(t, func(t *testing.T) org.Store { return b.Open(t).Org() })
	})
}

func TestAgreementStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		agreementtest.Run(t, func(t *testing.T) agreement.Store { return b.Open(t).Agreements() })
	})
}
