package sqlstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/agreement"
	agreementtest "github.com/artifactkit/artifactkit/agreement/storetest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	audittest "github.com/artifactkit/artifactkit/artifact/audit/storetest"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	inquirytest "github.com/artifactkit/artifactkit/artifact/inquiry/storetest"
	"github.com/artifactkit/artifactkit/artifact/notify"
	notifytest "github.com/artifactkit/artifactkit/artifact/notify/storetest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/org"
	orgtest "github.com/artifactkit/artifactkit/org/storetest"
	"github.com/artifactkit/artifactkit/report"
	reporttest "github.com/artifactkit/artifactkit/report/storetest"
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

func TestReportStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		reporttest.Run(t, func(t *testing.T) report.Store { return b.Open(t).Reports() })
	})
}

func TestAuditStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		audittest.Run(t, func(t *testing.T) audit.Store { return b.Open(t).Audit() })
	})
}

func TestSettingsStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		notifytest.Run(t, func(t *testing.T) notify.Store { return b.Open(t).Settings() })
	})
}

func TestOutboxStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		notifytest.RunOutbox(t, func(t *testing.T) notify.Outbox { return b.Open(t).Outbox() })
	})
}

func TestInquiryStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		inquirytest.Run(t, func(t *testing.T) inquiry.Store { return b.Open(t).Inquiries() })
	})
}
