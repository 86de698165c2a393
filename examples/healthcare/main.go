// Command healthcare walks through the healthcare start-up of the AWS
// Artifact overview: an organization accepts a BAA, accounts become HIPAA
// Accounts, and an auditor downloads the SOC 2 report for its window.
package main

import "fmt"

func main() {
	fmt.Println("artifactkit healthcare walkthrough: under construction")
}
