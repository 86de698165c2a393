package inquiry

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Two requests digest alike only when they are the same request: no field
// runs into the next and no list into the one after it.
func TestQ3_RequestDigestTellsRequestsApart(t *testing.T) {
	csv := []byte("Q,tags,team\nIs data encrypted at rest?,x,y\n")
	file := func(sections ...string) *FileContent { return &FileContent{Content: csv, Sections: sections} }
	creates := []struct {
		name string
		a, b CreateInput
	}{
		{"a section list runs into the tags",
			CreateInput{Name: "n", File: file("Q", "tags", "team")},
			CreateInput{Name: "n", File: file("Q"), Tags: Tags{"team": "tags"}}},
		{"a name runs into the support mode",
			CreateInput{Name: "nAI_ONLY", Query: "q"},
			CreateInput{Name: "n", Query: "q", SupportMode: SupportMode("AI_ONLYAI_ONLY")}},
		{"a query that reads like a file",
			CreateInput{Name: "n", Query: "file"},
			CreateInput{Name: "n", File: &FileContent{Content: []byte("file")}}},
		{"a tag's key runs into its value",
			CreateInput{Name: "n", Query: "q", Tags: Tags{"ab": "c"}},
			CreateInput{Name: "n", Query: "q", Tags: Tags{"a": "bc"}}},
		{"an empty section is a section",
			CreateInput{Name: "n", File: file()},
			CreateInput{Name: "n", File: file("")}},
		{"the content runs into the sections",
			CreateInput{Name: "n", File: &FileContent{Content: []byte("ab"), Sections: []string{"c"}}},
			CreateInput{Name: "n", File: &FileContent{Content: []byte("a"), Sections: []string{"bc"}}}},
	}
	for _, c := range creates {
		t.Run("create/"+c.name, func(t *testing.T) {
			require.NotEqual(t, c.a.digest(), c.b.digest())
		})
	}
	feedback := []struct {
		name string
		a, b FeedbackInput
	}{
		{"reason codes run into the comment",
			FeedbackInput{Inquiry: "i", Rating: ThumbsUp, ReasonCodes: []ReasonCode{ReasonOther}, Comment: ""},
			FeedbackInput{Inquiry: "i", Rating: ThumbsUp, Comment: "OTHER"}},
		{"the query and the revision trade places",
			FeedbackInput{Inquiry: "i", Rating: ThumbsUp, QueryIdentifier: 1, ResponseRevision: 2},
			FeedbackInput{Inquiry: "i", Rating: ThumbsUp, QueryIdentifier: 2, ResponseRevision: 1}},
		{"the principal runs into the rating",
			FeedbackInput{Inquiry: "i", Principal: "pTHUMBS_UP", Rating: ""},
			FeedbackInput{Inquiry: "i", Principal: "p", Rating: ThumbsUp}},
	}
	for _, c := range feedback {
		t.Run("feedback/"+c.name, func(t *testing.T) {
			require.NotEqual(t, c.a.digest(), c.b.digest())
		})
	}
}

// The same request digests alike: an explicit AI_ONLY is the default, and
// a repeated reason code is dropped.
func TestQ3_RequestDigestOfTheSameRequest(t *testing.T) {
	require.Equal(t, (&CreateInput{Name: "n", Query: "q", Tags: Tags{"a": "1", "b": "2"}}).digest(),
		(&CreateInput{Name: "n", Query: "q", SupportMode: AIOnly, Tags: Tags{"b": "2", "a": "1"}}).digest())
	require.Equal(t, (&FeedbackInput{Inquiry: "i", Rating: ThumbsDown, ReasonCodes: []ReasonCode{ReasonOther, ReasonOther}}).digest(),
		(&FeedbackInput{Inquiry: "i", Rating: ThumbsDown, ReasonCodes: []ReasonCode{ReasonOther}}).digest())
}
