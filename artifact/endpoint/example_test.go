package endpoint_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

// Serve the artifacttest world to one access key, and call ListReports as
// an AWS SDK would: a GET signed with Signature Version 4.
func Example() {
	w, err := artifacttest.NewWorld(artifacttest.Options{})
	if err != nil {
		panic(err)
	}
	reader := endpoint.Credential{
		AccessKeyID:     "AKIAIOSFODNN7EXAMPLE",
		SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		Caller:          w.Caller(artifacttest.ReportsReader),
	}
	keys, err := endpoint.NewCredentials(reader)
	if err != nil {
		panic(err)
	}
	h, err := endpoint.New(w.Service, keys)
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/v1/report/list?maxResults=1", nil)
	empty := sha256.Sum256(nil)
	creds := aws.Credentials{AccessKeyID: reader.AccessKeyID, SecretAccessKey: reader.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(bg, creds, req, hex.EncodeToString(empty[:]), "artifact", "us-east-1", w.Clock.Now()); err != nil {
		panic(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, len(body) > 0)
	// Output: 200 true
}
