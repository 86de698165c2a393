package inquiry

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Limits bound what a compliance inquiry may hold. A zero field takes its
// default; DefaultLimits has them all. AWS publishes none of these limits:
// they are the library's, chosen so that a hostile file costs a bounded
// amount of memory and time, and documented in the package documentation.
type Limits struct {
	// MaxFileBytes is the largest questionnaire file (default 5 MiB). A
	// larger one is refused when the inquiry is created.
	MaxFileBytes int
	// MaxRows bounds a file's rows by its lines: a file has at most
	// MaxRows lines, blank lines and each line of a cell that spans
	// several included (default 10,000). So every row starts on a line
	// numbered 1 to MaxRows.
	MaxRows int
	// MaxColumns is the most cells a row may have (default 256).
	MaxColumns int
	// MaxCellBytes is the longest cell (default 32 KiB).
	MaxCellBytes int
	// MaxQuestions is the most questions an inquiry may hold (default
	// 5,000).
	MaxQuestions int
}

// DefaultLimits returns the default limits.
func DefaultLimits() Limits {
	return Limits{MaxFileBytes: 5 << 20, MaxRows: 10_000, MaxColumns: 256, MaxCellBytes: 32 << 10, MaxQuestions: 5_000}
}

// withDefaults fills zero fields with the defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = d.MaxCellBytes
	}
	if l.MaxQuestions <= 0 {
		l.MaxQuestions = d.MaxQuestions
	}
	return l
}

// ErrUnreadable: a questionnaire file cannot be read: its format is not
// one the package reads, it is malformed, it exceeds a limit, or it holds
// no question. The error is a *FileError. An inquiry created from such a
// file FAILS with MsgInternalError.
var ErrUnreadable = errors.New("questionnaire cannot be read")

// FileError says why a questionnaire cannot be read. It unwraps to
// ErrUnreadable.
type FileError struct {
	// Format is what the file was recognized as: "csv", or one of the
	// names ReadQuestionnaire gives what it refuses ("xlsx", "ods",
	// "zip", "ole", "pdf", "binary", ...).
	Format string
	// Row is the row (from 1) where reading stopped; 0 when the file as a
	// whole is refused.
	Row int
	// Reason says what is wrong.
	Reason string
}

// Error says what is wrong, and where.
func (e *FileError) Error() string {
	if e.Row > 0 {
		return fmt.Sprintf("inquiry: questionnaire (%s) cannot be read: row %d: %s", e.Format, e.Row, e.Reason)
	}
	return fmt.Sprintf("inquiry: questionnaire (%s) cannot be read: %s", e.Format, e.Reason)
}

// Unwrap returns ErrUnreadable.
func (e *FileError) Unwrap() error { return ErrUnreadable }

// Questionnaire is what ReadQuestionnaire found in a file.
type Questionnaire struct {
	// Format is the format read: "csv".
	Format string
	// Delimiter is the field separator found: ',', ';' or '\t'.
	Delimiter rune
	// Sections are the columns the questions were read from, as their
	// headers spell them (empty for a file without a header row).
	Sections []string
	// Items are the questions, section by section in the order of
	// Sections, and top to bottom within a section.
	Items []Item
}

// Item is one question of a questionnaire.
type Item struct {
	// Section is the header of the column it came from; empty for a file
	// without a header row.
	Section string
	// Row is the line of the file its row starts on, from 1.
	Row int
	// Text is the question, trimmed of surrounding white space.
	Text string
}

// ReadQuestionnaire reads the questions of a questionnaire file, within
// the limits lim (zero fields take their defaults).
//
// The format read is CSV (RFC 4180, UTF-8 with or without a byte-order
// mark), with a comma, semicolon or tab as separator, whichever the first
// row uses most. Other files are recognized and refused with a *FileError
// naming what they are, as far as their bytes tell: a ZIP file by its
// entries ("xlsx", "ods", "docx", "odt", "pptx", "odp", or "zip"), an OLE
// compound file as "ole" (Excel 97 and Word 97 files alike), "pdf",
// "rtf", and "binary" for other bytes that are not text: export the sheet
// as CSV.
//
// The first row that is not blank is the header. sections name the
// columns whose cells are questions (AWS's fileSections, which name the
// sections or sheets to process), matched to the headers ignoring letter
// case and every character but letters and digits ("Question (text)"
// matches "question text"). A quote inside a cell that is not quoted is
// kept as written. A section no header matches makes the file
// unreadable. Without sections the question column is the first whose
// header contains "question" (or is "query" or "queries"); when no header
// does, the file has no header row and every row's first cell is a
// question. Empty cells are not questions.
//
// Every error is a *FileError.
func ReadQuestionnaire(content []byte, sections []string, lim Limits) (Questionnaire, error) {
	lim = lim.withDefaults()
	format := sniffFormat(content)
	if format != "csv" {
		return Questionnaire{}, &FileError{Format: format, Reason: "the format is not read; export the questionnaire as CSV"}
	}
	if len(content) > lim.MaxFileBytes {
		return Questionnaire{}, &FileError{Format: format, Reason: fmt.Sprintf("larger than %d bytes", lim.MaxFileBytes)}
	}
	content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(content) {
		return Questionnaire{}, &FileError{Format: format, Reason: "not valid UTF-8 text"}
	}
	if lines(content) > lim.MaxRows {
		return Questionnaire{}, &FileError{Format: format, Row: lim.MaxRows + 1, Reason: fmt.Sprintf("more than %d lines", lim.MaxRows)}
	}
	q := Questionnaire{Format: format, Delimiter: sniffDelimiter(content)}
	rows, err := readRows(content, q.Delimiter, lim)
	if err != nil {
		return Questionnaire{}, err
	}
	header := -1
	for i, r := range rows {
		if !blankRow(r.cells) {
			header = i
			break
		}
	}
	if header < 0 {
		return Questionnaire{}, &FileError{Format: format, Reason: "no questions found: the file is empty"}
	}
	cols, headed, err := pickColumns(rows[header], sections, format)
	if err != nil {
		return Questionnaire{}, err
	}
	first := header + 1
	if !headed {
		first = header
	}
	for _, c := range cols {
		name := ""
		if headed {
			name = strings.TrimSpace(rows[header].cells[c])
		}
		q.Sections = append(q.Sections, name)
		for _, r := range rows[first:] {
			if c >= len(r.cells) {
				continue
			}
			text := strings.TrimSpace(r.cells[c])
			if text == "" {
				continue
			}
			if len(q.Items) == lim.MaxQuestions {
				return Questionnaire{}, &FileError{Format: format, Row: r.n, Reason: fmt.Sprintf("more than %d questions", lim.MaxQuestions)}
			}
			q.Items = append(q.Items, Item{Section: name, Row: r.n, Text: text})
		}
	}
	if !headed {
		q.Sections = nil
	}
	if len(q.Items) == 0 {
		return Questionnaire{}, &FileError{Format: format, Reason: "no questions found"}
	}
	return q, nil
}

// lines counts the lines of b, the last one whether or not a line break
// ends it.
func lines(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// row is one record of the file and the line it starts on, from 1.
type row struct {
	n     int
	cells []string
}

// readRows reads every record of a CSV file within the limits (the file's
// lines are counted before). A row's number is the line its record starts
// on (encoding/csv skips empty lines).
func readRows(content []byte, delim rune, lim Limits) ([]row, error) {
	r := csv.NewReader(bytes.NewReader(content))
	r.Comma = delim
	r.FieldsPerRecord = -1
	// Questionnaires are often written by hand: a quote inside an unquoted
	// cell is kept as it is rather than refused.
	r.LazyQuotes = true
	var rows []row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &FileError{Format: "csv", Row: pe.StartLine, Reason: "malformed CSV: " + pe.Err.Error()}
			}
			return nil, &FileError{Format: "csv", Reason: "malformed CSV"}
		}
		line, _ := r.FieldPos(0)
		if len(rec) > lim.MaxColumns {
			return nil, &FileError{Format: "csv", Row: line, Reason: fmt.Sprintf("more than %d columns", lim.MaxColumns)}
		}
		for _, c := range rec {
			if len(c) > lim.MaxCellBytes {
				return nil, &FileError{Format: "csv", Row: line, Reason: fmt.Sprintf("a cell longer than %d bytes", lim.MaxCellBytes)}
			}
		}
		rows = append(rows, row{n: line, cells: rec})
	}
}

// pickColumns returns the question columns of a file whose first non-blank
// row is header, and whether that row is a header.
func pickColumns(header row, sections []string, format string) ([]int, bool, error) {
	norm := make([]string, len(header.cells))
	for i, h := range header.cells {
		norm[i] = normalize(h)
	}
	if len(sections) > 0 {
		var cols []int
		for _, s := range sections {
			want := normalize(s)
			found := -1
			for i, h := range norm {
				if h != "" && h == want {
					found = i
					break
				}
			}
			if found < 0 {
				return nil, false, &FileError{Format: format, Row: header.n, Reason: fmt.Sprintf("no column is headed %q", aws.Clip(s))}
			}
			if !slices.Contains(cols, found) {
				cols = append(cols, found)
			}
		}
		return cols, true, nil
	}
	for i, h := range norm {
		if strings.Contains(h, "question") || h == "query" || h == "queries" {
			return []int{i}, true, nil
		}
	}
	return []int{0}, false, nil
}

// normalize folds a header or section name for matching: lower-case
// letters and digits, every run of other characters one space.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blankRow reports whether every cell of a row is white space.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// sniffFormat recognizes the formats a questionnaire comes in by their
// first bytes; text is taken to be CSV. A ZIP file is named by what its
// entries say it holds (see zipFormat); an OLE compound file (a Word 97
// document or an Excel 97 workbook alike) is "ole", since telling them
// apart means reading its directory.
func sniffFormat(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return zipFormat(b)
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "ole"
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(b, []byte("{\\rtf")):
		return "rtf"
	case bytes.IndexByte(b, 0) >= 0:
		return "binary"
	}
	return "csv"
}

// zipLocalHeader starts each entry of a ZIP file.
var zipLocalHeader = []byte("PK\x03\x04")

// zipFormat names a ZIP file by the entries it holds: "xlsx", "docx" or
// "pptx" (Office Open XML: a folder xl/, word/ or ppt/), "ods", "odt" or
// "odp" (OpenDocument: the media type its first entry, mimetype, holds),
// and "zip" for any other. It reads the entries' local headers, at most
// the first 64, and needs no central directory: a file cut short is named
// by the entries it still has.
func zipFormat(b []byte) string {
	const maxEntries = 64
	rest := b
	for range maxEntries {
		i := bytes.Index(rest, zipLocalHeader)
		if i < 0 || len(rest)-i < 30 {
			break
		}
		h := rest[i:]
		nameLen := int(binary.LittleEndian.Uint16(h[26:28]))
		extraLen := int(binary.LittleEndian.Uint16(h[28:30]))
		if len(h) < 30+nameLen {
			break
		}
		name := string(h[30 : 30+nameLen])
		switch {
		case strings.HasPrefix(name, "xl/"):
			return "xlsx"
		case strings.HasPrefix(name, "word/"):
			return "docx"
		case strings.HasPrefix(name, "ppt/"):
			return "pptx"
		case name == "mimetype":
			// OpenDocument stores its media type first, uncompressed.
			data := h[min(len(h), 30+nameLen+extraLen):]
			for _, f := range []struct{ media, format string }{
				{"application/vnd.oasis.opendocument.spreadsheet", "ods"},
				{"application/vnd.oasis.opendocument.text", "odt"},
				{"application/vnd.oasis.opendocument.presentation", "odp"},
			} {
				if bytes.HasPrefix(data, []byte(f.media)) {
					return f.format
				}
			}
		}
		rest = h[30+nameLen:]
	}
	return "zip"
}

// sniffDelimiter returns the separator the first row that is not blank
// uses most: ',', ';' or '\t' (',' when it uses none, or on a tie).
func sniffDelimiter(b []byte) rune {
	var comma, semi, tab int
	quoted, content := false, false
	for _, c := range b {
		if c == '"' {
			quoted, content = !quoted, true
			continue
		}
		if quoted {
			continue
		}
		switch c {
		case '\n':
			if content {
				return pickDelimiter(comma, semi, tab)
			}
			comma, semi, tab = 0, 0, 0
		case ',':
			comma++
		case ';':
			semi++
		case '\t':
			tab++
		case ' ', '\r':
		default:
			content = true
		}
	}
	return pickDelimiter(comma, semi, tab)
}

func pickDelimiter(comma, semi, tab int) rune {
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}
