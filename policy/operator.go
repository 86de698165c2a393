package policy

import "strings"

// baseOp is a condition operator without its set qualifier and IfExists.
type baseOp uint8

const (
	opInvalid baseOp = iota
	opStringEquals
	opStringNotEquals
	opStringEqualsIgnoreCase
	opStringNotEqualsIgnoreCase
	opStringLike
	opStringNotLike
	opNumericEquals
	opNumericNotEquals
	opNumericLessThan
	opNumericLessThanEquals
	opNumericGreaterThan
	opNumericGreaterThanEquals
	opDateEquals
	opDateNotEquals
	opDateLessThan
	opDateLessThanEquals
	opDateGreaterThan
	opDateGreaterThanEquals
	opBool
	opBinaryEquals
	opIPAddress
	opNotIPAddress
	opArnEquals
	opArnLike
	opArnNotEquals
	opArnNotLike
	opNull
)

// The operators of the IAM reference.
var baseOpNames = [...]string{
	opStringEquals:              "StringEquals",
	opStringNotEquals:           "StringNotEquals",
	opStringEqualsIgnoreCase:    "StringEqualsIgnoreCase",
	opStringNotEqualsIgnoreCase: "StringNotEqualsIgnoreCase",
	opStringLike:                "StringLike",
	opStringNotLike:             "StringNotLike",
	opNumericEquals:             "NumericEquals",
	opNumericNotEquals:          "NumericNotEquals",
	opNumericLessThan:           "NumericLessThan",
	opNumericLessThanEquals:     "NumericLessThanEquals",
	opNumericGreaterThan:        "NumericGreaterThan",
	opNumericGreaterThanEquals:  "NumericGreaterThanEquals",
	opDateEquals:                "DateEquals",
	opDateNotEquals:             "DateNotEquals",
	opDateLessThan:              "DateLessThan",
	opDateLessThanEquals:        "DateLessThanEquals",
	opDateGreaterThan:           "DateGreaterThan",
	opDateGreaterThanEquals:     "DateGreaterThanEquals",
	opBool:                      "Bool",
	opBinaryEquals:              "BinaryEquals",
	opIPAddress:                 "IpAddress",
	opNotIPAddress:              "NotIpAddress",
	opArnEquals:                 "ArnEquals",
	opArnLike:                   "ArnLike",
	opArnNotEquals:              "ArnNotEquals",
	opArnNotLike:                "ArnNotLike",
	opNull:                      "Null",
}

// negated reports whether the operator is a negated matching operator,
// true when the key is absent and the NOR of its values otherwise.
func (b baseOp) negated() bool {
	switch b {
	case opStringNotEquals, opStringNotEqualsIgnoreCase, opStringNotLike,
		opNumericNotEquals, opDateNotEquals, opNotIPAddress, opArnNotEquals, opArnNotLike:
		return true
	}
	return false
}

// positive returns the matching operator a negated operator negates.
func (b baseOp) positive() baseOp {
	switch b {
	case opStringNotEquals:
		return opStringEquals
	case opStringNotEqualsIgnoreCase:
		return opStringEqualsIgnoreCase
	case opStringNotLike:
		return opStringLike
	case opNumericNotEquals:
		return opNumericEquals
	case opDateNotEquals:
		return opDateEquals
	case opNotIPAddress:
		return opIPAddress
	case opArnNotEquals:
		return opArnEquals
	case opArnNotLike:
		return opArnLike
	}
	return b
}

// family names the type of value an operator compares.
type family uint8

const (
	famString family = iota
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

func (b baseOp) family() family {
	switch {
	case b >= opStringEquals && b <= opStringNotLike:
		return famString
	case b >= opNumericEquals && b <= opNumericGreaterThanEquals:
		return famNumeric
	case b >= opDateEquals && b <= opDateGreaterThanEquals:
		return famDate
	case b == opBool:
		return famBool
	case b == opBinaryEquals:
		return famBinary
	case b == opIPAddress || b == opNotIPAddress:
		return famIP
	case b >= opArnEquals && b <= opArnNotLike:
		return famARN
	}
	return famNull
}

// setOp is a set qualifier for multivalued keys.
type setOp uint8

const (
	setNone setOp = iota
	setAnyValue
	setAllValues
)

// operator is a parsed condition operator such as
// "ForAllValues:StringLikeIfExists".
type operator struct {
	base     baseOp
	set      setOp
	ifExists bool
}

// parseOperator parses a condition operator name, ignoring ASCII case.
// ...IfExists applies to every operator but Null.
func parseOperator(name string) (operator, bool) {
	var op operator
	if i := strings.IndexByte(name, ':'); i >= 0 {
		switch {
		case equalFoldASCII(name[:i], "ForAnyValue"):
			op.set = setAnyValue
		case equalFoldASCII(name[:i], "ForAllValues"):
			op.set = setAllValues
		default:
			return op, false
		}
		name = name[i+1:]
	}
	const ifExists = "IfExists"
	if len(name) > len(ifExists) && equalFoldASCII(name[len(name)-len(ifExists):], ifExists) {
		op.ifExists = true
		name = name[:len(name)-len(ifExists)]
	}
	for b, n := range baseOpNames {
		if n != "" && equalFoldASCII(n, name) {
			op.base = baseOp(b)
			break
		}
	}
	if op.base == opInvalid || (op.base == opNull && op.ifExists) {
		return operator{}, false
	}
	return op, true
}
