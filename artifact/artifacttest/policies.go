package artifacttest

import (
	"fmt"

	"github.com/artifactkit/artifactkit/artifact"
)

// The IAM policy documents of AWS's managed policies and of the examples of
// the AWS Artifact User Guide
// (https://docs.aws.amazon.com/artifact/latest/ug/example-iam-policies.html,
// https://docs.aws.amazon.com/artifact/latest/ug/security-iam-awsmanpol.html),
// as the world's principals hold
// them. They are JSON texts; parse one with
// policy.MustParse([]byte(ReportsReadOnlyPolicy), policy.Identity) or hand it
// to NewCaller.
const (
	// ReportsReadOnlyPolicy is the AWS managed policy
	// AWSArtifactReportsReadOnlyAccess as of its ListReportVersions update:
	// the five report actions on every resource.
	ReportsReadOnlyPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ArtifactReportActions",
      "Effect": "Allow",
      "Action": [
        "artifact:GetReport",
        "artifact:GetReportMetadata",
        "artifact:GetTermForReport",
        "artifact:ListReports",
        "artifact:ListReportVersions"
      ],
      "Resource": "*"
    }
  ]
}`

	// AgreementsReadOnlyPolicy is the AWS managed policy
	// AWSArtifactAgreementsReadOnlyAccess: list agreements and customer
	// agreements, read accepted ones, describe the organization and check
	// that Artifact's service-linked role exists.
	AgreementsReadOnlyPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListAgreementsActions",
      "Effect": "Allow",
      "Action": [
        "artifact:ListAgreements",
        "artifact:ListCustomerAgreements"
      ],
      "Resource": "*"
    },
    {
      "Sid": "GetCustomerAgreementActions",
      "Effect": "Allow",
      "Action": [
        "artifact:GetCustomerAgreement"
      ],
      "Resource": "arn:aws:artifact::*:customer-agreement/*"
    },
    {
      "Sid": "AWSOrganizationActions",
      "Effect": "Allow",
      "Action": [
        "organizations:ListAWSServiceAccessForOrganization",
        "organizations:DescribeOrganization"
      ],
      "Resource": "*"
    },
    {
      "Sid": "GetRole",
      "Effect": "Allow",
      "Action": [
        "iam:GetRole"
      ],
      "Resource": "arn:aws:iam::*:role/aws-service-role/artifact.amazonaws.com/AWSServiceRoleForArtifact"
    }
  ]
}`

	// AgreementsFullAccessPolicy is the AWS managed policy
	// AWSArtifactAgreementsFullAccess: AgreementsReadOnlyPolicy plus the NDA,
	// accept and terminate actions, creating Artifact's service-linked role
	// and enabling Artifact's trusted access in the organization.
	AgreementsFullAccessPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListAgreementActions",
      "Effect": "Allow",
      "Action": [
        "artifact:ListAgreements",
        "artifact:ListCustomerAgreements"
      ],
      "Resource": "*"
    },
    {
      "Sid": "AWSAgreementActions",
      "Effect": "Allow",
      "Action": [
        "artifact:GetAgreement",
        "artifact:AcceptNdaForAgreement",
        "artifact:GetNdaForAgreement",
        "artifact:AcceptAgreement"
      ],
      "Resource": "arn:aws:artifact:::agreement/*"
    },
    {
      "Sid": "CustomerAgreementActions",
      "Effect": "Allow",
      "Action": [
        "artifact:GetCustomerAgreement",
        "artifact:TerminateAgreement"
      ],
      "Resource": "arn:aws:artifact::*:customer-agreement/*"
    },
    {
      "Sid": "CreateServiceLinkedRole",
      "Effect": "Allow",
      "Action": [
        "iam:CreateServiceLinkedRole"
      ],
      "Resource": "arn:aws:iam::*:role/aws-service-role/artifact.amazonaws.com/AWSServiceRoleForArtifact",
      "Condition": {
        "StringEquals": {
          "iam:AWSServiceName": [
            "artifact.amazonaws.com"
          ]
        }
      }
    },
    {
      "Sid": "GetRole",
      "Effect": "Allow",
      "Action": [
        "iam:GetRole"
      ],
      "Resource": "arn:aws:iam::*:role/aws-service-role/artifact.amazonaws.com/AWSServiceRoleForArtifact"
    },
    {
      "Sid": "EnableServiceTrust",
      "Effect": "Allow",
      "Action": [
        "organizations:EnableAWSServiceAccess"
      ],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "organizations:ServicePrincipal": [
            "aws-artifact-account-sync.amazonaws.com"
          ]
        }
      }
    },
    {
      "Sid": "AWSOrganizationActions",
      "Effect": "Allow",
      "Action": [
        "organizations:ListAWSServiceAccessForOrganization",
        "organizations:DescribeOrganization"
      ],
      "Resource": "*"
    }
  ]
}`

	// SomeReportsPolicy is the user guide's example policy for "only the
	// AWS SOC, PCI and ISO reports": ListReports on every resource, and
	// the other report actions on reports whose artifact:ReportSeries is
	// SOC, PCI or ISO and whose artifact:ReportCategory is Certifications
	// and Attestations (rule G7: the keys exist only for actions on a
	// report, so ListReports needs a statement of its own).
	SomeReportsPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "artifact:ListReports"
      ],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "artifact:GetReportMetadata",
        "artifact:GetReport",
        "artifact:GetTermForReport"
      ],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "artifact:ReportSeries": [
            "SOC",
            "PCI",
            "ISO"
          ],
          "artifact:ReportCategory": [
            "Certifications and Attestations"
          ]
        }
      }
    }
  ]
}`
)

// OneReportPolicy returns the user guide's third-party example policy
// widened to a download, as an auditor gets it (rule G3):
// GetReportMetadata, GetTermForReport and GetReport on every version of one
// report, arn:aws:artifact:us-east-1::report/<reportID>:*. Nothing else is
// allowed: not ListReports, not another report, not an agreement.
func OneReportPolicy(reportID string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "artifact:GetReportMetadata",
        "artifact:GetTermForReport",
        "artifact:GetReport"
      ],
      "Resource": [
        "arn:aws:artifact:%s::report/%s:*"
      ]
    }
  ]
}`, artifact.DefaultRegion, reportID)
}
