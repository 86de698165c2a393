package artifact_test

import (
	"crypto/sha256"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// subscribeReports subscribes account to every report notification.
func subscribeReports(t *testing.T, svc *artifact.Service, account org.AccountID) {
	t.Helper()
	c := root(t, account)
	_, err := svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Reports: notify.ReportFilter{All: true}})
	require.NoError(t, err)
}

// announced is what a report notification says, as a test compares it.
type announced struct {
	Kind    notify.Kind
	Version int64
	Name    string
	Time    time.Time
}

func announcements(ds []notify.Delivery) []announced {
	var out []announced
	for _, d := range ds {
		out = append(out, announced{d.Event.Kind, d.Event.Version, d.Event.Reason, d.Event.Time})
	}
	return out
}

// nextSOC2 is a new version of the fixture's SOC 2 report, available at
// at (the zero time: an hour ago), with its document.
func (f *fixture) nextSOC2(at time.Time) report.Report {
	r := report.Report{ID: f.soc2.ID, Name: "SOC 2 Type 2 Report (2025)", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31),
		AcceptanceType: report.Explicit, PublishedAt: at}
	if at.IsZero() {
		r.PublishedAt = f.clock.Now().Add(-time.Hour)
	}
	r.Document = report.Document{SHA256: sha256.Sum256([]byte(r.ID + r.Name))}
	return r
}

// S2: an update of a report version is announced only when the version is
// available after it; a version that is not available (unpublished, due
// to become available later, its upload not complete) does not exist for
// a customer, and no message reveals it (nor when it will be).
func TestS2_UpdateAnnouncesOnlyAvailableVersions(t *testing.T) {
	hour := time.Hour
	tests := []struct {
		name string
		// put is the version stored before the update; update changes it.
		put    func(f *fixture) report.Report
		update func(r *report.Report, now time.Time)
		want   []notify.Kind
	}{{
		name:   "available, stays available",
		put:    func(f *fixture) report.Report { return f.nextSOC2(time.Time{}) },
		update: func(r *report.Report, _ time.Time) { r.Description = "corrected" },
		want:   []notify.Kind{notify.ReportUpdated},
	}, {
		name:   "unpublished",
		put:    func(f *fixture) report.Report { r := f.nextSOC2(time.Time{}); r.State = report.Unpublished; return r },
		update: func(r *report.Report, _ time.Time) { r.Description = "corrected" },
	}, {
		name:   "published to become available later",
		put:    func(f *fixture) report.Report { return f.nextSOC2(f.clock.Now().Add(hour)) },
		update: func(r *report.Report, _ time.Time) { r.Description = "corrected" },
	}, {
		name: "its upload not complete",
		put: func(f *fixture) report.Report {
			r := f.nextSOC2(time.Time{})
			r.UploadState, r.Document = report.UploadProcessing, report.Document{}
			return r
		},
		update: func(r *report.Report, _ time.Time) { r.StatusMessage = "still processing" },
	}, {
		name:   "available, withdrawn by the update",
		put:    func(f *fixture) report.Report { return f.nextSOC2(time.Time{}) },
		update: func(r *report.Report, _ time.Time) { r.State = report.Unpublished },
	}, {
		name:   "unpublished, published by the update: new to a customer",
		put:    func(f *fixture) report.Report { r := f.nextSOC2(time.Time{}); r.State = report.Unpublished; return r },
		update: func(r *report.Report, _ time.Time) { r.State = report.Published },
		want:   []notify.Kind{notify.ReportPublished},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			subscribeReports(t, f.svc, mgmt)
			r, err := f.svc.PublishReport(bg, tt.put(f))
			require.NoError(t, err)
			f.inbox.take()
			f.clock.Advance(time.Minute)
			tt.update(&r, f.clock.Now())
			_, err = f.svc.UpdateReport(bg, r)
			require.NoError(t, err)
			n, err := f.svc.Deliver(bg)
			require.NoError(t, err)
			require.Zero(t, n, "nothing left for Deliver")
			var got []notify.Kind
			for _, d := range f.inbox.take() {
				require.Equal(t, r.Version, d.Event.Version)
				got = append(got, d.Event.Kind)
			}
			require.Empty(t, cmp.Diff(tt.want, got))
		})
	}
}

// S2: a version published to become available later is announced once,
// by Deliver, when it becomes available, and not before; Deliver checks
// the version again then: one moved later waits for its new instant, one
// moved earlier is announced at that one, one made available at once is
// announced by the update, and one withdrawn is not announced. The
// announcement says what the version is when it is delivered.
func TestS2_LaterPublicationAnnouncedWhenAvailable(t *testing.T) {
	const name = "SOC 2 Type 2 Report (2025)"
	tests := []struct {
		name string
		// change changes the version (published to become available
		// an hour from start) ten minutes after start; nil leaves it.
		change func(r *report.Report, start time.Time)
		// want is what is announced by the update and by Deliver
		// run at each of the instants (from start), in order.
		at   []time.Duration
		want [][]announced
	}{{
		name: "left as published",
		at:   []time.Duration{0, 59 * time.Minute, time.Hour, 2 * time.Hour},
		want: [][]announced{nil, nil, nil, {{notify.ReportPublished, 2, name, t0h(1)}}, nil},
	}, {
		name:   "renamed before it is available: announced as it is then",
		change: func(r *report.Report, _ time.Time) { r.Name = "SOC 2 Type 2 Report (FY2025)" },
		at:     []time.Duration{time.Hour},
		want:   [][]announced{nil, {{notify.ReportPublished, 2, "SOC 2 Type 2 Report (FY2025)", t0h(1)}}},
	}, {
		name:   "moved later",
		change: func(r *report.Report, start time.Time) { r.PublishedAt = start.Add(3 * time.Hour) },
		at:     []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour, 4 * time.Hour},
		want:   [][]announced{nil, nil, nil, {{notify.ReportPublished, 2, name, t0h(3)}}, nil},
	}, {
		name:   "moved earlier",
		change: func(r *report.Report, start time.Time) { r.PublishedAt = start.Add(30 * time.Minute) },
		at:     []time.Duration{29 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour},
		want:   [][]announced{nil, nil, {{notify.ReportPublished, 2, name, start.Add(30 * time.Minute)}}, nil, nil},
	}, {
		name:   "made available at once",
		change: func(r *report.Report, start time.Time) { r.PublishedAt = start.Add(5 * time.Minute) },
		at:     []time.Duration{time.Hour, 2 * time.Hour},
		want:   [][]announced{{{notify.ReportPublished, 2, name, start.Add(10 * time.Minute)}}, nil, nil},
	}, {
		name:   "unpublished",
		change: func(r *report.Report, _ time.Time) { r.State = report.Unpublished },
		at:     []time.Duration{time.Hour, 2 * time.Hour},
		want:   [][]announced{nil, nil, nil},
	}, {
		name: "its upload restarted",
		change: func(r *report.Report, _ time.Time) {
			r.UploadState = report.UploadProcessing
		},
		at:   []time.Duration{time.Hour, 2 * time.Hour},
		want: [][]announced{nil, nil, nil},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			subscribeReports(t, f.svc, mgmt)
			require.Equal(t, start, f.clock.Now())
			r, err := f.svc.PublishReport(bg, f.nextSOC2(t0h(1)))
			require.NoError(t, err)
			require.Empty(t, f.inbox.take(), "not available yet: not announced")
			_, err = f.svc.GetReportMetadata(bg, root(t, mgmt), artifact.GetReportMetadataInput{ReportID: r.ID, ReportVersion: new(r.Version)})
			require.Error(t, err, "it does not exist for a customer yet")

			var got [][]announced
			if tt.change != nil {
				f.clock.Advance(10 * time.Minute)
				tt.change(&r, start)
				_, err := f.svc.UpdateReport(bg, r)
				require.NoError(t, err)
			}
			got = append(got, announcements(f.inbox.take()))
			for _, at := range tt.at {
				f.clock.Set(start.Add(at))
				n, err := f.svc.Deliver(bg)
				require.NoError(t, err)
				ds := f.inbox.take()
				require.Equal(t, len(ds), n)
				for _, d := range ds {
					require.Equal(t, mgmt, d.Account)
				}
				got = append(got, announcements(ds))
			}
			require.Empty(t, cmp.Diff(tt.want, got))
		})
	}
}

// t0h is the fixture's start and h hours.
func t0h(h int) time.Time { return start.Add(time.Duration(h) * time.Hour) }

// S2: an entry of a publication not due yet is passed by, and the entries
// after it are delivered.
func TestS2_EntryNotDueDoesNotBlockLaterOnes(t *testing.T) {
	w := newWorld(t)
	subscribeReports(t, w.svc, mgmt)
	_, err := w.svc.PublishReport(bg, w.nextSOC2(t0h(1)))
	require.NoError(t, err)
	out := pendingEntry(t, w)
	pending, err := w.faults.outbox.Pending(bg, "", 0)
	require.NoError(t, err)
	require.Len(t, pending, 2)

	n, err := w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the acceptance, behind the publication")
	got := w.inbox.take()
	require.Len(t, got, 1)
	require.Equal(t, string(out.CustomerAgreement.ID), got[0].Event.CustomerAgreementID)
	pending, err = w.faults.outbox.Pending(bg, "", 0)
	require.NoError(t, err)
	require.Len(t, pending, 1, "the publication waits")

	w.clock.Set(t0h(1))
	n, err = w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, notify.ReportPublished, w.inbox.take()[0].Event.Kind)
}

// S2: a report's publication or update is recorded in the outbox before
// the version is stored, so that its announcement survives the call
// ending right after the store (here the settings and the outbox fail
// then, as a process that ends would leave things): Deliver, once the call
// can no longer be under way, asks the catalog whether the version was
// stored, and announces it once if it was (its store may have failed
// after the server committed it), or drops the entry if it was not.
func TestS2_ReportAnnouncementSurvivesTheCallEnding(t *testing.T) {
	writes := map[string]func(w *world) (report.Report, error){
		"PublishReport": func(w *world) (report.Report, error) {
			return w.svc.PublishReport(bg, w.nextSOC2(time.Time{}))
		},
		"UpdateReport": func(w *world) (report.Report, error) {
			r := w.soc2
			r.Description = "corrected"
			return w.svc.UpdateReport(bg, r)
		},
	}
	kinds := map[string]notify.Kind{"PublishReport": notify.ReportPublished, "UpdateReport": notify.ReportUpdated}
	tests := []struct {
		name string
		// fail arms the faults for the write.
		fail func(f *faults)
		// callErr: the call fails; stored: the version is stored.
		callErr, stored bool
	}{{
		name: "the call ends after the store",
		fail: func(f *faults) {
			// The entry is recorded (outbox write 1); nothing works
			// after the store.
			f.match = func(store string, write bool) bool { return store == "settings" || store == "outbox" && write }
			f.arm(2, false, errBoom)
		},
		stored: true,
	}, {
		name: "the store fails after the server committed",
		fail: func(f *faults) {
			f.match = func(store string, write bool) bool { return store == "report" && write }
			f.late = true
			f.arm(1, true, errBoom)
		},
		callErr: true, stored: true,
	}, {
		name: "the store fails",
		fail: func(f *faults) {
			f.match = func(store string, write bool) bool { return store == "report" && write || store == "outbox" && write }
			// Outbox write 1 records the entry; the store (2) fails,
			// and so does keeping the entry (3).
			f.arm(2, false, errBoom)
		},
		callErr: true,
	}}
	for name, write := range writes {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				w := newWorld(t)
				subscribeReports(t, w.svc, mgmt)
				w.inbox.take()
				tt.fail(w.faults)
				got, err := write(w)
				w.faults.disarm()
				w.faults.match, w.faults.late = nil, false
				if tt.callErr {
					require.ErrorIs(t, err, errBoom)
				} else {
					require.NoError(t, err)
				}
				require.Empty(t, w.inbox.take(), "the call delivered nothing")
				pending, err := w.faults.outbox.Pending(bg, "", 0)
				require.NoError(t, err)
				require.Len(t, pending, 1, "the entry stays")

				n, err := w.svc.Deliver(bg)
				require.NoError(t, err)
				require.Zero(t, n, "the call might still be under way")
				w.clock.Advance(2 * time.Minute)
				n, err = w.svc.Deliver(bg)
				require.NoError(t, err)
				ds := w.inbox.take()
				require.Equal(t, len(ds), n)
				pending, err = w.faults.outbox.Pending(bg, "", 0)
				require.NoError(t, err)
				require.Empty(t, pending)
				if !tt.stored {
					require.Empty(t, ds, "not stored: not announced")
					return
				}
				require.Len(t, ds, 1, "stored: announced once")
				require.Equal(t, kinds[name], ds[0].Event.Kind)
				if got.ID != "" {
					require.Equal(t, got.Version, ds[0].Event.Version)
				}
			})
		}
	}
}

// S2: an entry the previous format wrote for a report update the call
// could not deliver (committed, without the write's sequence number,
// creation or due instant) is still read, and Deliver announces it.
func TestS2_PreviousFormatReportEntryIsDelivered(t *testing.T) {
	w := newWorld(t)
	subscribeReports(t, w.svc, mgmt)
	body := `{"v":1,"committed":true,"events":[{"kind":"REPORT_UPDATED","at":"2026-03-01T08:59:00Z","reportId":"` + w.soc2.ID +
		`","version":1,"category":"Certifications and Attestations","series":"SOC","reason":"SOC 2 Type 2 Report"}]}`
	_, err := w.faults.outbox.Put(bg, notify.Pending{ID: "01772355540000000000-0a0b0c0d0e0f", Created: start, Body: []byte(body)})
	require.NoError(t, err)
	n, err := w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got := w.inbox.take()
	require.Len(t, got, 1)
	require.Empty(t, cmp.Diff(announced{notify.ReportUpdated, 1, "SOC 2 Type 2 Report", time.Date(2026, 3, 1, 8, 59, 0, 0, time.UTC)},
		announcements(got)[0]))
}

// S2: a version published to become available later, withdrawn and
// published again before it is, has two entries in the outbox; its
// publication is one notification, so both carry one delivery ID, which
// a subscriber takes for the same delivery made again (at least once).
func TestS2_PublicationRepeatedCarriesOneID(t *testing.T) {
	f := newFixture(t)
	subscribeReports(t, f.svc, mgmt)
	r, err := f.svc.PublishReport(bg, f.nextSOC2(t0h(1)))
	require.NoError(t, err)
	f.clock.Advance(time.Minute)
	r.State = report.Unpublished
	r, err = f.svc.UpdateReport(bg, r)
	require.NoError(t, err)
	f.clock.Advance(time.Minute)
	r.State = report.Published
	_, err = f.svc.UpdateReport(bg, r)
	require.NoError(t, err)
	require.Empty(t, f.inbox.take())

	f.clock.Set(t0h(1))
	_, err = f.svc.Deliver(bg)
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, d := range f.inbox.take() {
		require.Equal(t, notify.ReportPublished, d.Event.Kind)
		ids[d.ID] = true
	}
	require.Len(t, ids, 1)
}
