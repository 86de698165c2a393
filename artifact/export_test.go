package artifact

// DeclaredErrors returns the error types the service lets each AWS
// operation answer, by operation name.
func DeclaredErrors() map[string][]string {
	names := []struct {
		bit  errorSet
		name string
	}{
		{accessDenied, "AccessDeniedException"},
		{conflict, "ConflictException"},
		{internalServer, "InternalServerException"},
		{resourceNotFound, "ResourceNotFoundException"},
		{serviceQuotaExceeded, "ServiceQuotaExceededException"},
		{throttling, "ThrottlingException"},
		{validation, "ValidationException"},
	}
	out := make(map[string][]string, len(declaredErrors))
	for op, set := range declaredErrors {
		list := []string{}
		for _, n := range names {
			if set&n.bit != 0 {
				list = append(list, n.name)
			}
		}
		out[op] = list
	}
	return out
}

// ErrUndeclared is the mark of an error type an operation does not
// declare, which the service turned into an InternalServerException.
var ErrUndeclared = errUndeclared
