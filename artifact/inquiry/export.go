package inquiry

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// ExportInput chooses what ExportComplianceInquiry exports.
type ExportInput struct {
	// QueryIdentifiers are the queries to export; empty for all. Each is
	// exported once, in identifier order.
	QueryIdentifiers []int
	// IncludeCitations adds each response's citations.
	IncludeCitations bool
}

// Document is an exported inquiry: a CSV file (RFC 4180, UTF-8) with a
// header row and one row per query exported.
type Document struct {
	// Inquiry is the inquiry exported.
	Inquiry ID
	// MediaType is "text/csv".
	MediaType string
	// Content is the file.
	Content []byte
	// SHA256 is its digest.
	SHA256 aws.Digest
	// Queries are the identifiers of the queries exported, ascending.
	Queries []int
	// IncludeCitations says whether the citations are in it.
	IncludeCitations bool
}

// The columns of an exported document.
var exportHeader = []string{"Query ID", "Section", "Question", "Response", "Review type", "Status", "Status message"}

// Export renders the chosen queries of the account's inquiry id, which
// must be COMPLETED (ErrNotReady otherwise), as a Document. A query
// identifier the inquiry does not have is a *ValidationError.
//
// A cell that a spreadsheet would read as a formula (it starts with =, +,
// -, @, a tab or a carriage return) is written with a leading apostrophe,
// so that opening the export runs nothing.
func (a *Assistant) Export(ctx context.Context, account aws.AccountID, id ID, in ExportInput) (Document, error) {
	inq, err := a.Get(ctx, account, id)
	if err != nil {
		return Document{}, err
	}
	if inq.Status != Completed {
		return Document{}, &StateError{ID: id, Status: inq.Status, Reason: "only a COMPLETED inquiry is exported"}
	}
	want := slices.Clone(in.QueryIdentifiers)
	slices.Sort(want)
	want = slices.Compact(want)
	var fe aws.ValidationError
	for _, n := range want {
		if n < 1 || n > inq.QueryCount {
			fe.Add("queryIdentifiers", "the inquiry has no query %d", n)
		}
	}
	if err := fe.Err(); err != nil {
		return Document{}, err
	}
	qs, _, err := a.store.Queries(ctx, account, id, 0, 0)
	if err != nil {
		return Document{}, err
	}
	if len(want) > 0 {
		qs = slices.DeleteFunc(qs, func(q Query) bool { _, found := slices.BinarySearch(want, q.Identifier); return !found })
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := exportHeader
	if in.IncludeCitations {
		header = append(slices.Clone(header), "Citations")
	}
	_ = w.Write(header)
	doc := Document{Inquiry: id, MediaType: "text/csv", IncludeCitations: in.IncludeCitations}
	for _, q := range qs {
		rec := []string{strconv.Itoa(q.Identifier), q.Section, q.Query, q.Response, string(q.ReviewType), string(q.Status), string(q.StatusMessage)}
		if in.IncludeCitations {
			rec = append(rec, citationsCell(q.Citations))
		}
		for i := range rec {
			rec[i] = defuse(rec[i])
		}
		_ = w.Write(rec)
		doc.Queries = append(doc.Queries, q.Identifier)
	}
	w.Flush()
	doc.Content = buf.Bytes()
	doc.SHA256 = sha256.Sum256(doc.Content)
	return doc, nil
}

// citationsCell writes citations one a line: label, content and link
// separated by " | ".
func citationsCell(cs []Citation) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte('\n')
		}
		parts := make([]string, 0, 3)
		for _, p := range []string{c.SourceLabel, c.SourceContent, c.SourceLink} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		b.WriteString(strings.Join(parts, " | "))
	}
	return b.String()
}

// defuse prefixes a cell a spreadsheet would evaluate with an apostrophe.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
