package aws

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError names one invalid field of a request and says why: AWS's
// ValidationExceptionField.
type FieldError struct {
	// Name is the field, in AWS's wire spelling where AWS has one
	// ("reportId", "tags", "inquiryContent.query").
	Name string
	// Message says what is wrong with it.
	Message string
}

// ValidationError is the error of a request whose fields are invalid: the
// fields of AWS's ValidationException with reason fieldValidationFailed.
// It unwraps to ErrInvalidInput. The domain packages return it for their
// own requests (report.ValidationError and inquiry.ValidationError are
// this type), and package artifact answers it with a ValidationException
// listing its fields.
//
// Its zero value holds no field; Add collects fields and Err returns the
// error, or nil when none was added:
//
//	var v aws.ValidationError
//	if name == "" {
//		v.Add("name", "is required")
//	}
//	return v.Err()
type ValidationError struct {
	// Fields lists each invalid field; an error returned holds at least
	// one.
	Fields []FieldError
}

// InvalidField returns a *ValidationError for one field, its message
// formatted as fmt.Sprintf does.
func InvalidField(name, format string, args ...any) error {
	return &ValidationError{Fields: []FieldError{{Name: name, Message: fmt.Sprintf(format, args...)}}}
}

// Add appends a field, its message formatted as fmt.Sprintf does.
func (e *ValidationError) Add(name, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Name: name, Message: fmt.Sprintf(format, args...)})
}

// Merge appends the fields of err when err is (or wraps) a
// *ValidationError, and reports whether it is.
func (e *ValidationError) Merge(err error) bool {
	var v *ValidationError
	if !errors.As(err, &v) {
		return false
	}
	e.Fields = append(e.Fields, v.Fields...)
	return true
}

// Err returns e as an error, or nil when it holds no field.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Error lists the invalid fields and why:
//
//	invalid input: reportId: "x" is not report- and 16 letters or digits; maxResults: must be at least 1
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// Unwrap returns ErrInvalidInput.
func (e *ValidationError) Unwrap() error { return ErrInvalidInput }
