package inquiry_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/report"
)

// questionnaire returns a CSV of n questions of every kind the knowledge
// answerer recognizes, and some it does not.
func questionnaire(n int) []byte {
	kinds := []string{
		"Do you have a SOC 2 Type II report?",
		"Is Amazon S3 in scope of your ISO 27001 certification in eu-west-1?",
		"Is Amazon EC2 HIPAA eligible?",
		"Does your SOC 2 cover confidentiality?",
		"Which agreements can we accept?",
		"Are you PCI DSS compliant?",
		"Is AWS Lambda covered in Ireland?",
		"Do you encrypt data at rest with customer managed keys?",
	}
	var b strings.Builder
	b.WriteString("ID,Domain,Question\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d,Domain %d,\"%s (%d)\"\n", i+1, i%12, kinds[i%len(kinds)], i)
	}
	return []byte(b.String())
}

// BenchmarkQuestionnaire1000 is a 1,000-question CSV created, read and
// answered by the knowledge answerer over a report catalog and the
// agreement catalog: one op is the whole questionnaire.
func BenchmarkQuestionnaire1000(b *testing.B) {
	ctx := context.Background()
	file := questionnaire(1000)
	ans := inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{Reports: catalog(b), Agreements: agreements{}, HIPAAEligible: report.DefaultHIPAAEligible()})
	a, _, _ := newAssistant(b, inquiry.WithAnswerer(ans))
	b.ReportAllocs()
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", File: &inquiry.FileContent{Content: file}})
		if err != nil {
			b.Fatal(err)
		}
		got, err := a.Get(ctx, account, in.ID)
		if err != nil || got.Status != inquiry.Completed || got.QueryCount != 1000 {
			b.Fatal(got.Status, got.Reason, err)
		}
	}
}

// BenchmarkKnowledgeAnswer is the answering alone: a batch of 1,000
// questions.
func BenchmarkKnowledgeAnswer(b *testing.B) {
	ctx := context.Background()
	q, err := inquiry.ReadQuestionnaire(questionnaire(1000), nil, inquiry.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	batch := inquiry.Batch{Account: account}
	for i, it := range q.Items {
		batch.Questions = append(batch.Questions, inquiry.Question{Identifier: i + 1, Text: it.Text})
	}
	ans := inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{Reports: catalog(b), Agreements: agreements{}, HIPAAEligible: report.DefaultHIPAAEligible()})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ans.Answer(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadQuestionnaire1000 is reading a 1,000-question CSV.
func BenchmarkReadQuestionnaire1000(b *testing.B) {
	file := questionnaire(1000)
	b.ReportAllocs()
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := inquiry.ReadQuestionnaire(file, nil, inquiry.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
