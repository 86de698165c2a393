package endpoint

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact"
)

// appendJSON appends the JSON of an operation's output to b: the outputs
// answered most often (GetReport, GetTermForReport, the account settings)
// are written by hand, byte for byte as their MarshalJSON writes them (a
// test holds them to it); the others by their MarshalJSON, called
// directly, without encoding/json's reflection and second pass over the
// bytes.
func appendJSON(b []byte, out any) ([]byte, error) {
	switch o := out.(type) {
	case *artifact.GetReportOutput:
		b = append(b, '{')
		if o.DocumentPresignedURL != "" {
			b = append(b, `"documentPresignedUrl":`...)
			b = appendJSONString(b, o.DocumentPresignedURL)
		}
		return append(b, '}'), nil
	case *artifact.GetTermForReportOutput:
		b = append(b, '{')
		if o.DocumentPresignedURL != "" {
			b = append(b, `"documentPresignedUrl":`...)
			b = appendJSONString(b, o.DocumentPresignedURL)
		}
		if o.TermToken != "" {
			if o.DocumentPresignedURL != "" {
				b = append(b, ',')
			}
			b = append(b, `"termToken":`...)
			b = appendJSONString(b, o.TermToken)
		}
		return append(b, '}'), nil
	case *artifact.GetAccountSettingsOutput:
		return appendAccountSettings(b, o.AccountSettings), nil
	case *artifact.PutAccountSettingsOutput:
		return appendAccountSettings(b, o.AccountSettings), nil
	case json.Marshaler:
		m, err := o.MarshalJSON()
		return append(b, m...), err
	}
	m, err := json.Marshal(out)
	return append(b, m...), err
}

func appendAccountSettings(b []byte, s artifact.AccountSettings) []byte {
	b = append(b, `{"accountSettings":{`...)
	if s.NotificationSubscriptionStatus != "" {
		b = append(b, `"notificationSubscriptionStatus":`...)
		b = appendJSONString(b, string(s.NotificationSubscriptionStatus))
	}
	return append(b, "}}"...)
}

const lowerHex = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it: '"', '\\' and control characters, '<', '>' and '&' (as
// \u003c, \u003e, \u0026), U+2028 and U+2029, and invalid UTF-8 as
// U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', lowerHex[r&15])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
