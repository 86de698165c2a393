package inquiry_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/report"
)

// A security questionnaire uploaded as CSV is answered from what the
// library knows (here the HIPAA Eligible Services) when its processing is
// due: here, one minute after it was
// created, on a clock the example moves.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }

	a, err := inquiry.New(memstore.New(), inquiry.WithClock(clock), inquiry.WithProcessingTime(time.Minute),
		inquiry.WithAnswerer(inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{HIPAAEligible: report.DefaultHIPAAEligible()})))
	if err != nil {
		panic(err)
	}
	file := []byte("Section,Question\nHIPAA,Is Amazon S3 HIPAA eligible?\nHIPAA,Which services are HIPAA eligible?\n")
	in, _, err := a.Create(ctx, "111122223333", inquiry.CreateInput{Name: "Vendor review",
		File: &inquiry.FileContent{Content: file}})
	if err != nil {
		panic(err)
	}
	fmt.Println(in.Status, in.QueryCount)

	now = now.Add(time.Minute)
	in, _ = a.Get(ctx, "111122223333", in.ID)
	fmt.Println(in.Status, "-", in.StatusMessage)
	qs, _, _ := a.Queries(ctx, "111122223333", in.ID, 0, 10)
	for _, q := range qs {
		fmt.Println(q.Identifier, q.Status, strings.SplitN(q.Response, ":", 2)[0])
	}
	// Output:
	// PROCESSING 2
	// COMPLETED - Compliance inquiry processing is complete.
	// 1 COMPLETED Yes
	// 2 COMPLETED 16 services are HIPAA eligible
}

// ReadQuestionnaire reads the questions of a CSV file: here the columns
// the request names as its sections.
func ExampleReadQuestionnaire() {
	file := []byte("ID;Access control;Encryption\n1;Is MFA enforced?;Is data encrypted at rest?\n2;;Are keys rotated?\n")
	q, err := inquiry.ReadQuestionnaire(file, []string{"Encryption", "Access control"}, inquiry.Limits{})
	if err != nil {
		panic(err)
	}
	for _, it := range q.Items {
		fmt.Printf("%s, row %d: %s\n", it.Section, it.Row, it.Text)
	}
	// Output:
	// Encryption, row 2: Is data encrypted at rest?
	// Encryption, row 3: Are keys rotated?
	// Access control, row 2: Is MFA enforced?
}

// ValidateTags checks tags as AWS does: at most 50, AWS's characters, no
// "aws:" prefix.
func ExampleValidateTags() {
	fmt.Println(inquiry.ValidateTags("tags", inquiry.Tags{"team": "grc", "cost-center": "1234"}))
	fmt.Println(inquiry.ValidateTags("tags", inquiry.Tags{"aws:team": "grc"}))
	// Output:
	// <nil>
	// invalid input: tags: key "aws:team" starts with the reserved prefix aws:
}

// An Answerer of the host's own: here one that sends every question to a
// human queue and answers later.
func ExampleAnswererFunc() {
	queue := inquiry.AnswererFunc(func(_ context.Context, b inquiry.Batch) ([]inquiry.Answer, error) {
		out := make([]inquiry.Answer, len(b.Questions))
		for i := range out {
			out[i] = inquiry.Answer{Pending: true} // asked again after the poll interval
		}
		return out, nil
	})
	a, _ := inquiry.New(memstore.New(), inquiry.WithAnswerer(queue))
	in, _, _ := a.Create(context.Background(), "111122223333", inquiry.CreateInput{Name: "n", Query: "Do you log access?"})
	in, _ = a.Get(context.Background(), "111122223333", in.ID)
	fmt.Println(in.Status)
	// Output: PROCESSING
}
