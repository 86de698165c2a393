package sqlstore

import "github.com/artifactkit/artifactkit/artifact"

// ServiceOptions returns the options that put every store of an
// artifact.Service on the database:
//
//	svc, err := artifact.New(db.ServiceOptions()...)
//
// Services in several processes over one database share its state: one
// catalog, one membership history, one audit chain, one outbox of
// notifications not delivered yet (any of them may run Deliver).
func (db *DB) ServiceOptions() []artifact.Option {
	return []artifact.Option{
		artifact.WithOrgStore(db.Org()),
		artifact.WithAgreementStore(db.Agreements()),
		artifact.WithReportStore(db.Reports()),
		artifact.WithAuditStore(db.Audit()),
		artifact.WithSettingsStore(db.Settings()),
		artifact.WithOutbox(db.Outbox()),
		artifact.WithInquiryStore(db.Inquiries()),
	}
}
