package sqlstore_test

import (
	"testing"

	agreementscenarios "github.com/artifactkit/artifactkit/agreement/scenariotest"
	servicescenarios "github.com/artifactkit/artifactkit/artifact/scenariotest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
)

// The agreement scenario corpus (or the file AGREEMENT_SCENARIOS names)
// on each database.
func TestAgreementScenarios(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		agreementscenarios.Run(t, "", func(tb testing.TB) agreementscenarios.Stores {
			db := b.Open(tb)
			return agreementscenarios.Stores{Org: db.Org(), Agreement: db.Agreements()}
		})
	})
}

// The service scenario corpus (or the file SERVICE_SCENARIOS names) on
// each database: every store of the service on it.
func TestServiceScenarios(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		servicescenarios.Run(t, "", func(tb testing.TB) servicescenarios.Stores {
			db := b.Open(tb)
			return servicescenarios.Stores{Org: db.Org(), Agreement: db.Agreements(), Report: db.Reports(),
				Audit: db.Audit(), Settings: db.Settings(), Inquiry: db.Inquiries()}
		})
	})
}

// The inquiry scenarios of the service (the kit's own corpus, embedded,
// or the file INQUIRY_SCENARIOS names) on each database.
func TestInquiryScenarios(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		servicescenarios.RunInquiries(t, "", func(tb testing.TB) servicescenarios.Stores {
			db := b.Open(tb)
			return servicescenarios.Stores{Org: db.Org(), Agreement: db.Agreements(), Report: db.Reports(),
				Audit: db.Audit(), Settings: db.Settings(), Inquiry: db.Inquiries()}
		})
	})
}
