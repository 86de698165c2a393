package memstore_test

import (
	"context"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
)

// The in-memory store is the Assistant's default store and a test
// fixture.
func Example() {
	a, err := inquiry.New(memstore.New())
	if err != nil {
		panic(err)
	}
	in, _, err := a.Create(context.Background(), "111122223333", inquiry.CreateInput{
		Name: "Vendor review", Query: "Do you have a SOC 2 report?"})
	if err != nil {
		panic(err)
	}
	fmt.Println(in.Status, in.InputSource, in.QueryCount)
	// Output: PROCESSING TEXT 1
}
