module github.com/artifactkit/artifactkit/artifact/endpoint

go 1.26.0

require (
	github.com/artifactkit/artifactkit v0.0.0
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/aws/smithy-go v1.28.9 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

replace github.com/artifactkit/artifactkit => ../..
