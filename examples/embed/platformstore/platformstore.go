package platformstore

import (
	"encoding/json"
	"fmt"
)

// table is a table of rows of type R, encoded as JSON, under primary key K.
type table[K comparable, R any] map[K][]byte

// get decodes the row with primary key k into a new R. It reports false
// when there is no such row.
func (t table[K, R]) get(k K) (R, bool, error) {
	var r R
	b, ok := t[k]
	if !ok {
		return r, false, nil
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, true, fmt.Errorf("platformstore: decode row %v: %w", k, err)
	}
	return r, true, nil
}

// raw returns a copy of the encoded row with primary key k, or nil.
func (t table[K, R]) raw(k K) []byte {
	b, ok := t[k]
	if !ok {
		return nil
	}
	return append([]byte(nil), b...)
}

// encode returns the encoded form of row r, ready to be put in a table.
func encode[R any](r R) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("platformstore: encode row: %w", err)
	}
	return b, nil
}
