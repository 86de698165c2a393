package inquiry_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

func TestQ8_ReadQuestionnaire(t *testing.T) {
	cases := []struct {
		name     string
		file     string
		sections []string
		delim    rune
		secs     []string
		items    []inquiry.Item
	}{
		{name: "question column", file: csvFile, delim: ',', secs: []string{"Question"}, items: []inquiry.Item{
			{Section: "Question", Row: 2, Text: "Do you have a SOC 2 report?"},
			{Section: "Question", Row: 3, Text: "Is data encrypted at rest?"},
			{Section: "Question", Row: 4, Text: "Is Amazon S3 HIPAA eligible?"}}},
		{name: "bom, crlf, blank rows and cells", file: "\ufeff\r\n\r\nControl question;Answer\r\n  first?  ;\r\n;\r\n\"second;\nline\";x\r\n", delim: ';',
			secs: []string{"Control question"}, items: []inquiry.Item{
				{Section: "Control question", Row: 4, Text: "first?"},
				{Section: "Control question", Row: 6, Text: "second;\nline"}}},
		{name: "tabs", file: "Query\tNotes\nq1\tn\n", delim: '\t', secs: []string{"Query"}, items: []inquiry.Item{{Section: "Query", Row: 2, Text: "q1"}}},
		{name: "no header: every row", file: "Do you log access?\nDo you rotate keys?\n", delim: ',', items: []inquiry.Item{
			{Row: 1, Text: "Do you log access?"}, {Row: 2, Text: "Do you rotate keys?"}}},
		{name: "sections in request order, folded", file: "Id,Access Control (AC),Encryption_at-rest\n1,ac1,enc1\n2,,enc2\n",
			sections: []string{"encryption at rest", "ACCESS CONTROL AC", "Access control AC"}, delim: ',',
			secs: []string{"Encryption_at-rest", "Access Control (AC)"}, items: []inquiry.Item{
				{Section: "Encryption_at-rest", Row: 2, Text: "enc1"}, {Section: "Encryption_at-rest", Row: 3, Text: "enc2"},
				{Section: "Access Control (AC)", Row: 2, Text: "ac1"}}},
		{name: "ragged rows and a stray quote", file: "Question,B\nshort\nhe said \"yes\" twice,b,c\n", delim: ',', secs: []string{"Question"}, items: []inquiry.Item{
			{Section: "Question", Row: 2, Text: "short"}, {Section: "Question", Row: 3, Text: `he said "yes" twice`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, err := inquiry.ReadQuestionnaire([]byte(c.file), c.sections, inquiry.Limits{})
			require.NoError(t, err)
			require.Equal(t, "csv", q.Format)
			require.Equal(t, c.delim, q.Delimiter)
			require.Empty(t, cmp.Diff(c.secs, q.Sections))
			require.Empty(t, cmp.Diff(c.items, q.Items))
		})
	}
}

// Files that cannot be read fail with a *FileError, whatever is wrong.
func TestQ8_ReadQuestionnaireRefuses(t *testing.T) {
	lim := inquiry.Limits{MaxFileBytes: 200, MaxRows: 5, MaxColumns: 3, MaxCellBytes: 20, MaxQuestions: 2}
	cases := []struct {
		name, file, format, reason string
		sections                   []string
		row                        int
	}{
		{name: "a zip cut short", file: "PK\x03\x04\x14\x00", format: "zip", reason: "export the questionnaire as CSV"},
		{name: "xlsx", file: zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), format: "xlsx", reason: "not read"},
		{name: "docx", file: zipOf(t, "[Content_Types].xml", "word/document.xml"), format: "docx", reason: "not read"},
		{name: "pptx", file: zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"), format: "pptx", reason: "not read"},
		{name: "ods", file: openDocument(t, "application/vnd.oasis.opendocument.spreadsheet"), format: "ods", reason: "not read"},
		{name: "odt", file: openDocument(t, "application/vnd.oasis.opendocument.text"), format: "odt", reason: "not read"},
		{name: "another zip", file: zipOf(t, "questions.csv"), format: "zip", reason: "not read"},
		{name: "ole", file: "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", format: "ole", reason: "not read"},
		{name: "pdf", file: "%PDF-1.7", format: "pdf", reason: "not read"},
		{name: "rtf", file: "{\\rtf1", format: "rtf", reason: "not read"},
		{name: "binary", file: "Question\n\x00\x01", format: "binary", reason: "not read"},
		{name: "latin-1", file: "Question\nr\xe9sum\xe9?\n", format: "csv", reason: "UTF-8"},
		{name: "empty", file: "", format: "csv", reason: "empty"},
		{name: "blank", file: " , \n\t\n", format: "csv", reason: "empty"},
		{name: "header only", file: "Question\n", format: "csv", reason: "no questions"},
		{name: "too large", file: strings.Repeat("q\n", 101), format: "csv", reason: "larger than 200 bytes"},
		{name: "too many lines", file: "q\nq\nq\nq\nq\nq\n", format: "csv", reason: "more than 5 lines", row: 6},
		{name: "blank lines count", file: "\n\n\n\nQuestion\nq\n", format: "csv", reason: "more than 5 lines", row: 6},
		{name: "a cell's lines count", file: "Question\n\"a\nb\nc\nd\ne\"\n", format: "csv", reason: "more than 5 lines", row: 6},
		{name: "a last line without a break counts", file: "Question\na\nb\nc\nd\ne", format: "csv", reason: "more than 5 lines", row: 6},
		{name: "too many columns", file: "a,b,c,d\n", format: "csv", reason: "more than 3 columns", row: 1},
		{name: "long cell", file: "Question\n" + strings.Repeat("x", 21) + "\n", format: "csv", reason: "longer than 20 bytes", row: 2},
		{name: "too many questions", file: "Question\na\nb\nc\n", format: "csv", reason: "more than 2 questions", row: 4},
		{name: "unknown section", file: "Question\na\n", sections: []string{"Controls"}, format: "csv", reason: `no column is headed "Controls"`, row: 1},
		{name: "quote in quoted field", file: "Question\n\"a\"b\"\n", format: "csv", reason: "", row: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := inquiry.ReadQuestionnaire([]byte(c.file), c.sections, lim)
			if c.name == "quote in quoted field" {
				// Lazy quotes read it rather than refuse it.
				require.NoError(t, err)
				return
			}
			var fe *inquiry.FileError
			require.ErrorAs(t, err, &fe)
			require.ErrorIs(t, err, inquiry.ErrUnreadable)
			require.Equal(t, c.format, fe.Format)
			require.Contains(t, fe.Reason, c.reason)
			require.Equal(t, c.row, fe.Row)
			require.Contains(t, err.Error(), c.reason)
		})
	}
}

// FuzzReadQuestionnaire: whatever the bytes, reading ends with questions
// within the limits, or with a *FileError; it never panics.
func FuzzReadQuestionnaire(f *testing.F) {
	for _, s := range []string{csvFile, "Question\n\"a\nb\",c\n", "a;b;c\n1;2;3\n", "\ufeffQuery\tx\nq\t\n", "PK\x03\x04", "\"unterminated", ",,,\n,,\n", "Question\n\"\"\"\"\n"} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "Question")
	}
	lim := inquiry.Limits{MaxFileBytes: 4096, MaxRows: 50, MaxColumns: 8, MaxCellBytes: 256, MaxQuestions: 20}
	f.Fuzz(func(t *testing.T, content []byte, section string) {
		var sections []string
		if section != "" {
			sections = []string{section}
		}
		q, err := inquiry.ReadQuestionnaire(content, sections, lim)
		if err != nil {
			var fe *inquiry.FileError
			if !errorsAs(err, &fe) {
				t.Fatalf("error %v is not a *FileError", err)
			}
			return
		}
		if len(q.Items) == 0 || len(q.Items) > lim.MaxQuestions {
			t.Fatalf("%d items", len(q.Items))
		}
		for _, it := range q.Items {
			if it.Text == "" || strings.TrimSpace(it.Text) != it.Text || !utf8.ValidString(it.Text) || len(it.Text) > lim.MaxCellBytes {
				t.Fatalf("item %q", it.Text)
			}
			// A row starts on one of the file's lines, of which there
			// are at most MaxRows.
			if it.Row < 1 || it.Row > lim.MaxRows {
				t.Fatalf("row %d", it.Row)
			}
		}
	})
}

// zipOf returns a ZIP file holding empty entries of those names, in order.
func zipOf(t *testing.T, names ...string) string {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		_, err := w.Create(n)
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return b.String()
}

// openDocument returns an OpenDocument file of that media type: its first
// entry, mimetype, stored uncompressed.
func openDocument(t *testing.T, media string) string {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	require.NoError(t, err)
	_, err = f.Write([]byte(media))
	require.NoError(t, err)
	_, err = w.Create("content.xml")
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.String()
}
