package artifact

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"github.com/artifactkit/artifactkit/artifact/notify"
)

// The account settings operations (S1, S2): GetAccountSettings,
// PutAccountSettings, and the notification configuration that AWS keeps in
// AWS User Notifications.

// AccountSettings are an account's Artifact settings, as AWS names them.
type AccountSettings struct {
	// NotificationSubscriptionStatus is SUBSCRIBED or NOT_SUBSCRIBED (AWS
	// member notificationSubscriptionStatus).
	NotificationSubscriptionStatus notify.Status
}

// GetAccountSettingsOutput is the answer of GetAccountSettings.
type GetAccountSettingsOutput struct {
	// AccountSettings are the caller's settings (AWS member accountSettings).
	AccountSettings AccountSettings
}

// GetAccountSettings returns the caller's account settings
// (artifact:GetAccountSettings on "*"). An account that never set them is
// NOT_SUBSCRIBED.
func (s *Service) GetAccountSettings(ctx context.Context, c *Caller) (*GetAccountSettingsOutput, error) {
	k := s.begin(c, "GetAccountSettings")
	st, err := s.readSettings(ctx, &k, "artifact:GetAccountSettings")
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return &GetAccountSettingsOutput{AccountSettings: AccountSettings{NotificationSubscriptionStatus: st.Status}}, k.end(ctx, nil)
}

// PutAccountSettingsInput is the request of PutAccountSettings.
type PutAccountSettingsInput struct {
	// NotificationSubscriptionStatus is the status to set; empty leaves
	// it unchanged, as AWS's model makes it optional.
	NotificationSubscriptionStatus notify.Status
}

// PutAccountSettingsOutput is the answer of PutAccountSettings.
type PutAccountSettingsOutput struct {
	// AccountSettings are the settings after the call (AWS member
	// accountSettings).
	AccountSettings AccountSettings
}

// PutAccountSettings subscribes the caller's account to notifications or
// unsubscribes it (artifact:PutAccountSettings on "*"; S1), and returns
// the settings as they are then. Without a status it changes nothing. Its
// notification configuration is kept for when it subscribes again.
func (s *Service) PutAccountSettings(ctx context.Context, c *Caller, in PutAccountSettingsInput) (*PutAccountSettingsOutput, error) {
	k := s.begin(c, "PutAccountSettings")
	if in.NotificationSubscriptionStatus != "" {
		k.params.add(param("notificationSubscriptionStatus", string(in.NotificationSubscriptionStatus)))
	}
	st, err := s.putAccountSettings(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return &PutAccountSettingsOutput{AccountSettings: AccountSettings{NotificationSubscriptionStatus: st.Status}}, k.end(ctx, nil)
}

func (s *Service) putAccountSettings(ctx context.Context, k *call, in PutAccountSettingsInput) (notify.Settings, error) {
	const action = "artifact:PutAccountSettings"
	if in.NotificationSubscriptionStatus == "" {
		return s.readSettings(ctx, k, action)
	}
	return s.writeSettings(ctx, k, action, func(st *notify.Settings) error {
		if !in.NotificationSubscriptionStatus.IsValid() {
			return invalidField("notificationSubscriptionStatus", "must be SUBSCRIBED or NOT_SUBSCRIBED", nil)
		}
		st.Status = in.NotificationSubscriptionStatus
		return nil
	})
}

// NotificationConfiguration chooses which notifications a subscribed
// account receives (S2): agreement updates, all or nothing; report updates
// for every report or for the categories and series chosen.
type NotificationConfiguration struct {
	// Agreements chooses every agreement update, or none.
	Agreements bool
	// Reports chooses the report updates.
	Reports notify.ReportFilter
}

// MaxNotificationFilters is the most categories, and the most series, a
// notification configuration chooses. AWS documents no limit; a report
// filter names a few of AWS's categories and series, and the bound keeps
// what one call can make the service store small.
const MaxNotificationFilters = 100

// validFilter checks the categories or series of a report filter: at most
// MaxNotificationFilters, each in the shape of AWS's ReportCategory and
// ReportSeries (1 to 256 letters, digits, hyphens, underscores or spaces),
// none twice.
func validFilter(field string, values []string) error {
	if len(values) > MaxNotificationFilters {
		return invalidField(field, "at most "+strconv.Itoa(MaxNotificationFilters), nil)
	}
	for i, v := range values {
		if !isShortString(v) {
			return invalidField(field, "each must be 1 to 256 letters, digits, hyphens, underscores or spaces", nil)
		}
		if slices.Contains(values[:i], v) {
			return invalidField(field, "each at most once", nil)
		}
	}
	return nil
}

// PutNotificationConfiguration sets the caller's account's notification
// configuration (notifications:CreateNotificationConfiguration on "*", as
// AWS User Notifications keeps it). Its report filter names at most
// MaxNotificationFilters categories and as many series, each in the shape
// AWS gives them.
func (s *Service) PutNotificationConfiguration(ctx context.Context, c *Caller, in NotificationConfiguration) (*NotificationConfiguration, error) {
	k := s.begin(c, "CreateNotificationConfiguration")
	st, err := s.writeSettings(ctx, &k, "notifications:CreateNotificationConfiguration", func(st *notify.Settings) error {
		if err := validFilter("reports.categories", in.Reports.Categories); err != nil {
			return err
		}
		if err := validFilter("reports.series", in.Reports.Series); err != nil {
			return err
		}
		st.Agreements = in.Agreements
		st.Reports = notify.ReportFilter{All: in.Reports.All, Categories: slices.Clone(in.Reports.Categories), Series: slices.Clone(in.Reports.Series)}
		return nil
	})
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return configOf(st), k.end(ctx, nil)
}

// GetNotificationConfiguration returns the caller's account's notification
// configuration (notifications:ListNotificationConfigurations on "*").
func (s *Service) GetNotificationConfiguration(ctx context.Context, c *Caller) (*NotificationConfiguration, error) {
	k := s.begin(c, "ListNotificationConfigurations")
	st, err := s.readSettings(ctx, &k, "notifications:ListNotificationConfigurations")
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return configOf(st), k.end(ctx, nil)
}

func configOf(st notify.Settings) *NotificationConfiguration {
	st = st.Clone()
	return &NotificationConfiguration{Agreements: st.Agreements, Reports: st.Reports}
}

// readSettings authorizes action and reads the caller's account's settings.
func (s *Service) readSettings(ctx context.Context, k *call, action string) (notify.Settings, error) {
	if err := k.authorize(ctx, action, "*", nil); err != nil {
		return notify.Settings{}, err
	}
	st, err := s.settings.Get(ctx, k.c.account)
	if err != nil {
		return notify.Settings{}, err
	}
	if st.Status == "" {
		st.Status = notify.NotSubscribed
	}
	return st, nil
}

// maxSettingsAttempts bounds the retries of a settings write that keeps
// meeting concurrent writes.
const maxSettingsAttempts = 8

// writeSettings authorizes action, then reads, changes and stores the
// caller's account's settings, retrying when another write got there
// first.
func (s *Service) writeSettings(ctx context.Context, k *call, action string, change func(*notify.Settings) error) (notify.Settings, error) {
	for attempt := 1; ; attempt++ {
		st, err := s.readSettings(ctx, k, action)
		if err != nil {
			return st, err
		}
		st.Account = k.c.account
		if err := change(&st); err != nil {
			return st, err
		}
		st, err = s.settings.Put(ctx, st)
		if err == nil || !errors.Is(err, notify.ErrConflict) || attempt == maxSettingsAttempts {
			return st, err
		}
	}
}
