// Command server is an AWS-compatible AWS Artifact endpoint: the AWS CLI,
// boto3 and the AWS SDKs talk to it as to AWS, and artifactkit answers.
//
//	go run ./examples/server -demo
//	aws artifact list-reports --endpoint-url http://127.0.0.1:8080
//
// (Run from the repository's root, where go.work makes this nested module
// part of the build; or cd examples/server && go run . -demo.)
//
// # Flags
//
//	-listen ADDR            address to listen on (default 127.0.0.1:8080; port 0 picks a free one)
//	-region REGION          the region it answers in (default us-east-1, where AWS routes Artifact);
//	                        requests must be signed for it
//	-demo                   serve the world of package artifacttest with demo credentials
//	-world FILE             serve the world and credentials of FILE (below)
//	-db memory              the stores: memory (the default), sqlite:PATH (a SQLite file, created
//	                        if missing) or postgres://... (a PostgreSQL DSN, whose schema is
//	                        migrated; add search_path=NAME to keep the stores in an existing schema
//	                        NAME); the state then outlives the server
//	-tls-cert FILE -tls-key FILE   serve HTTPS (PEM files)
//	-shutdown-timeout D     how long SIGINT or SIGTERM waits for requests in flight (default 10s)
//
// Without -demo or -world it serves an empty Artifact to nobody.
//
// The exit status is 0 after a graceful shutdown (SIGINT or SIGTERM), 1
// when serving failed (the address, the TLS files, the world file), 2 for
// a bad command line, and 3 when the database -db names cannot be opened
// (unreachable, refusing the password, not a database, a schema newer
// than the server); its message names no part of the DSN but the kind of
// database. SIGINT or SIGTERM before the server serves stops it too, and
// it exits 0, as it stopped when asked to: while it connects to the
// database, waits for another server's migration of it or migrates it,
// the server stops at once and says "server: interrupted while opening
// the database: stopped without serving"; while it loads a world file or
// builds the demo world, at once too ("... while loading the world:
// ...").
//
// # Output
//
// Standard output starts with exactly these lines, which scripts and tests
// read:
//
//	listening on http://HOST:PORT
//	credential NAME ACCOUNT ACCESS_KEY_ID SECRET_ACCESS_KEY PRINCIPAL_ARN
//	...
//
// one credential line per principal, the first the root user of the
// world's main account (https:// with TLS). Logs go to standard error as
// JSON, one line per request (request id, operation, method, path, status,
// error type, duration, source IP, access key id, principal, account;
// never a secret, signature, token or query string), and a line when the
// server starts and stops.
//
// GET /health answers 200 {"status":"ok"} without a signature; every
// other path is the Artifact API (package endpoint).
//
// # The demo world
//
// -demo serves the world of artifacttest built for today (two years of
// SOC 1, SOC 2, SOC 3, ISO 27001 and PCI DSS reports, the BAA and other
// agreements, an organization with four accounts and a standalone one) on
// a clock that follows real time, with credentials for the root user of
// the management account ("root"), its IAM users reports-reader,
// soc-pci-iso-reader, agreements-reader, agreements-admin, auditor and
// no-policy (each holding the policy it is named for), and the root users
// of the other accounts (clinical-root, research-root, billing-root,
// standalone-root). The demo credentials are derived from the names, so
// they are the same at every start; they are public: never serve -demo
// beyond your machine.
//
// # The world file
//
// -world FILE reads a JSON document describing the administrative side of
// a world, which AWS's API does not have, and who may call it. Unknown
// members are refused. Everything is optional but the principals' keys:
//
//	{
//	  "partition": "aws",
//	  "organizations": [{
//	    "id": "o-example0001", "managementAccount": "111122223333",
//	    "featureSet": "ALL",                   // or CONSOLIDATED_BILLING; default ALL
//	    "members": ["444455556666"],            // accounts that join it
//	    "trustedAccess": true                   // Artifact's trusted access, as the console enables it
//	  }],
//	  "agreements": [{
//	    "id": "agreement-baa0000000000001",     // agreement- and 16 letters or digits; drawn when empty
//	    "name": "AWS Business Associate Addendum", "description": "...",
//	    "kind": "BAA",                          // BAA, ADDENDUM or CUSTOM (default)
//	    "type": "DEFAULT",                      // DEFAULT (default), CUSTOM or MODIFIED
//	    "subjects": ["ACCOUNT", "ORGANIZATION"],// default ACCOUNT
//	    "acceptanceTerms": ["..."], "terminateTerms": ["..."],
//	    "document": "text of the agreement", "nda": "text of its NDA"
//	  }],
//	  "reports": [{                             // one entry per version, in order
//	    "id": "report-soc2example00001",        // report- and 16 letters or digits; drawn when empty
//	    "name": "...", "description": "...", "category": "Certifications and Attestations",
//	    "series": "SOC", "family": "SOC 2",     // family defaults to the series
//	    "type": "TYPE2",                        // or TYPE1; default TYPE2
//	    "periodStart": "2024-10-01", "periodEnd": "2025-09-30",
//	    "acceptanceType": "EXPLICIT",           // or PASSTHROUGH; default EXPLICIT
//	    "state": "PUBLISHED",                   // or UNPUBLISHED; default PUBLISHED
//	    "needsApproval": false,
//	    "trustCategories": ["Security", "Availability"],
//	    "services": ["Amazon S3"], "regions": ["us-east-1"],
//	    "document": "the report's text (its SHA-256 is recorded)",
//	    "publishedAt": "2025-11-14T00:00:00Z"   // default: when the file is loaded
//	  }],
//	  "principals": [{
//	    "name": "auditor",                      // the NAME of its credential line
//	    "account": "111122223333",
//	    "principal": "arn:aws:iam::111122223333:user/auditor",   // or "root"
//	    "policies": [ {IAM policy document}, ... ],
//	    "scps": [[ {SCP}, ... ], ...],          // one list per level of the organization, root first
//	    "boundary": {IAM policy document},
//	    "context": {"aws:MultiFactorAuthPresent": ["true"]},     // fixed condition keys
//	    "model": "fine-grained",                // or legacy (artifact:Get, artifact:DownloadAgreement)
//	    "accessKeyId": "AKIA...", "secretAccessKey": "...",
//	    "sessionToken": ""                      // set for temporary credentials
//	  }]
//	}
//
// testdata/world.json is a complete example. Per-request condition keys
// (aws:SourceIp, aws:SecureTransport, aws:RequestedRegion, aws:CurrentTime,
// aws:EpochTime) come from each request and replace a principal's own.
//
// # Decisions
//
// The demo world's clock is moved to the present at each request, so that
// signatures, term and agreement tokens and aws:CurrentTime see real time;
// a world file's service runs on the real clock. With -db, the world of
// -demo or -world is loaded into an empty database only: a database that
// already holds a world (an agreement, a report, or one of the world
// file's organizations) is served as it is, which is how a second start
// finds the first's state, and the credentials are read from -demo or the
// world file again (they are not stored). Change a loaded world through
// the API, or start on a new database.
package main
