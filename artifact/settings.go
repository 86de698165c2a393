package artifact

import (
	"context"
	"errors"
	"slices"

	"github.com/artifactkit/artifactkit/artifact/notify"
)

// The account settings operations (S1, S2): GetAccountSettings,
// PutAccountSettings, and the notification configuration that AWS keeps in
// AWS User Notifications.

// AccountSettings are an account's Artifact settings, as AWS names them.
type AccountSettings struct {
	NotificationSubscriptionStatus notify.Status
}

// GetAccountSettingsOutput is the answer of GetAccountSettings.
type GetAccountSettingsOutput struct {
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
	NotificationSubscriptionStatus notify.Status
}

// PutAccountSettingsOutput is the answer of PutAccountSettings.
type PutAccountSettingsOutput struct {
	AccountSettings AccountSettings
}

// PutAccountSettings subscribes the caller's account to notifications or
// unsubscribes it (artifact:PutAccountSettings on "*"; S1). Its
// notification configuration is kept for when it subscribes again.
func (s *Service) PutAccountSettings(ctx context.Context, c *Caller, in PutAccountSettingsInput) (*PutAccountSettingsOutput, error) {
	k := s.begin(c, "PutAccountSettings", param("notificationSubscriptionStatus", string(in.NotificationSubscriptionStatus)))
	st, err := s.writeSettings(ctx, &k, "artifact:PutAccountSettings", func(st *notify.Settings) error {
		if !in.NotificationSubscriptionStatus.IsValid() {
			return invalidField("notificationSubscriptionStatus", "must be SUBSCRIBED or NOT_SUBSCRIBED", nil)
		}
		st.Status = in.NotificationSubscriptionStatus
		return nil
	})
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return &PutAccountSettingsOutput{AccountSettings: AccountSettings{NotificationSubscriptionStatus: st.Status}}, k.end(ctx, nil)
}

// NotificationConfiguration chooses which notifications a subscribed
// account receives (S2): agreement updates, all or nothing; report updates
// for every report or for the categories and series chosen.
type NotificationConfiguration struct {
	Agreements bool
	Reports    notify.ReportFilter
}

// PutNotificationConfiguration sets the caller's account's notification
// configuration (notifications:CreateNotificationConfiguration on "*", as
// AWS User Notifications keeps it).
func (s *Service) PutNotificationConfiguration(ctx context.Context, c *Caller, in NotificationConfiguration) (*NotificationConfiguration, error) {
	k := s.begin(c, "CreateNotificationConfiguration")
	st, err := s.writeSettings(ctx, &k, "notifications:CreateNotificationConfiguration", func(st *notify.Settings) error {
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
