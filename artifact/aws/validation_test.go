package aws_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func TestValidationError(t *testing.T) {
	one := aws.InvalidField("tags", "%d tags; at most %d", 51, 50)
	cases := []struct {
		name   string
		build  func() error
		fields []aws.FieldError
		text   string
	}{
		{"none", func() error { var v aws.ValidationError; return v.Err() }, nil, ""},
		{"one", func() error { return one }, []aws.FieldError{{Name: "tags", Message: "51 tags; at most 50"}},
			"invalid input: tags: 51 tags; at most 50"},
		{"merged through a wrapper", func() error {
			var v aws.ValidationError
			v.Add("name", "is required")
			require.True(t, v.Merge(fmt.Errorf("inquiry: %w", one)))
			require.False(t, v.Merge(errors.New("not a validation error")))
			require.False(t, v.Merge(nil))
			return v.Err()
		}, []aws.FieldError{{Name: "name", Message: "is required"}, {Name: "tags", Message: "51 tags; at most 50"}},
			"invalid input: name: is required; tags: 51 tags; at most 50"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.build()
			if c.fields == nil {
				require.NoError(t, err)
				return
			}
			var ve *aws.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, c.fields, ve.Fields)
			require.ErrorIs(t, err, aws.ErrInvalidInput)
			require.EqualError(t, err, c.text)
		})
	}
}
