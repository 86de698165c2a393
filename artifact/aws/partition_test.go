package aws_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func TestPartitions(t *testing.T) {
	ps := aws.Partitions()
	require.Equal(t, []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}, ps)
	ps[0] = "changed"
	require.Equal(t, "aws", aws.Partitions()[0], "the list is the caller's copy")
	for _, p := range aws.Partitions() {
		require.True(t, aws.IsPartition(p), p)
		g := aws.GlobalRegion(p)
		require.NoError(t, aws.ValidateRegion(p, g), "%s's global region %s is one of its regions", p, g)
	}
	for _, p := range []string{"", "gcp", "AWS", "aws-", "aws-moon"} {
		require.False(t, aws.IsPartition(p), p)
		require.Empty(t, aws.GlobalRegion(p), p)
	}
	require.Equal(t, "us-east-1", aws.GlobalRegion("aws"))
	require.Equal(t, "us-gov-west-1", aws.GlobalRegion("aws-us-gov"))
	require.Equal(t, "cn-northwest-1", aws.GlobalRegion("aws-cn"))
}

func TestValidateRegion(t *testing.T) {
	tests := []struct {
		partition, region string
		ok                bool
	}{
		{"aws", "us-east-1", true},
		{"aws", "ap-southeast-4", true},
		{"aws", "eu-central-12", true},
		{"aws-cn", "cn-north-1", true},
		{"aws-us-gov", "us-gov-west-1", true},
		{"aws-iso", "us-iso-east-1", true},
		{"aws-iso-b", "us-isob-east-1", true},
		{"aws-iso-e", "eu-isoe-west-1", true},
		{"aws-iso-f", "us-isof-south-1", true},
		{"aws-eusc", "eusc-de-east-1", true},
		{"aws", "cn-north-1", false},     // another partition's
		{"aws", "us-gov-west-1", false},  // another partition's
		{"aws-cn", "us-east-1", false},   // not the partition's
		{"aws-moon", "us-east-1", false}, // no such partition
		{"aws", "useast1", false},
		{"aws", "US-EAST-1", false},
		{"aws", "us-east-100", false},
		{"aws", "us-east-", false},
		{"aws", "us--1", false},
		{"aws", "us-east--1", false},
		{"aws", "u-east-1", false},
		{"aws", "usaaa-east-1", false},
		{"aws", "-us-east-1", false},
		{"aws", "us-east-1a", false},
		{"aws", "us-ea5t-1", false},
		{"aws", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.partition+"/"+tt.region, func(t *testing.T) {
			err := aws.ValidateRegion(tt.partition, tt.region)
			if tt.ok {
				require.NoError(t, err)
				p, ok := aws.PartitionOf(tt.region)
				require.True(t, ok)
				require.Equal(t, tt.partition, p)
				return
			}
			var pe *aws.ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, "region", pe.What)
			require.Equal(t, tt.region, pe.Input)
			require.ErrorIs(t, err, aws.ErrInvalidInput)
		})
	}
}

func TestPartitionOf(t *testing.T) {
	for region, want := range map[string]string{
		"us-east-1": "aws", "xx-yyyy-9": "aws", "cn-north-1": "aws-cn", "us-gov-east-1": "aws-us-gov",
		"us-isob-east-1": "aws-iso-b", "us-iso-west-1": "aws-iso", "eusc-de-east-1": "aws-eusc",
	} {
		p, ok := aws.PartitionOf(region)
		require.True(t, ok, region)
		require.Equal(t, want, p, region)
	}
	for _, bad := range []string{"", "us-east", "us-east-1-", "US-east-1", "global", "aws-global"} {
		p, ok := aws.PartitionOf(bad)
		require.False(t, ok, bad)
		require.Empty(t, p)
	}
}
