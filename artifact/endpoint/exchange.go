package endpoint

import (
	"net/url"
	"strings"
	"sync"
)

// exchange is the scratch space of one request: its query, the buffers
// its signature is checked in, its body and its answer. Exchanges are
// pooled: a request served allocates little beyond what the service
// allocates.
type exchange struct {
	query query
	body  []byte
	// canon, sts, enc and spans hold the canonical request, the string
	// to sign and the encoded query parameters while the signature is
	// checked.
	canon, sts, enc []byte
	spans           []span
	// out is the answer's body.
	out []byte
	req request
}

var exchanges = sync.Pool{New: func() any { return new(exchange) }}

// maxPooled bounds the buffers kept for the next request: a rare large
// body or answer is not kept alive by the pool.
const maxPooled = 64 << 10

func getExchange() *exchange { return exchanges.Get().(*exchange) }

func putExchange(x *exchange) {
	clear(x.query) // the strings may be large; keep none alive
	x.query = x.query[:0]
	x.req = request{}
	for _, b := range []*[]byte{&x.body, &x.canon, &x.sts, &x.enc, &x.out} {
		if cap(*b) > maxPooled {
			*b = nil
		}
	}
	exchanges.Put(x)
}

// query is a request's query string, decoded, in the order it came.
type query []queryPair

type queryPair struct{ key, value string }

// parseQuery appends the parameters of a raw query string to q: "&"
// separates them, "=" a name from its value (a parameter without one has
// the empty value), and each is percent-decoded, "+" as a space, as
// url.ParseQuery does. A parameter that does not decode is kept as it
// came: its signature is then checked against that text, and an operation
// reading it finds no valid value. Decoding allocates only for a
// parameter that has escapes.
func parseQuery(q query, raw string) query {
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		q = append(q, queryPair{unescapeQuery(k), unescapeQuery(v)})
	}
	return q
}

func unescapeQuery(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	u, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return u
}

// get returns the first value of the parameter key, "" when absent.
func (q query) get(key string) string {
	for _, p := range q {
		if p.key == key {
			return p.value
		}
	}
	return ""
}

// lookup returns the first value of key and how many times it is given.
func (q query) lookup(key string) (value string, n int) {
	for _, p := range q {
		if p.key == key {
			if n == 0 {
				value = p.value
			}
			n++
		}
	}
	return value, n
}

// all returns every value of key, nil when absent.
func (q query) all(key string) []string {
	var out []string
	for _, p := range q {
		if p.key == key {
			out = append(out, p.value)
		}
	}
	return out
}
