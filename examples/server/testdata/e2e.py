"""End to end against a running server, with boto3 and botocore's own SigV4.

Usage: python3 e2e.py ENDPOINT_URL REGION CREDENTIALS_JSON

CREDENTIALS_JSON maps the server's principal names to
[access key id, secret access key]. The script drives every operation the
server implements: the SDK model's eight through boto3's client (and its
paginators), the seven agreement operations the model lacks through
requests signed with botocore's SigV4Auth. It prints one "ok ..." line per
check and exits non-zero on the first failure.
"""

import datetime
import json
import sys
import urllib.parse

import boto3
import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError
from botocore.httpsession import URLLib3Session
from botocore.utils import percent_encode_sequence

endpoint, region, creds = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])


def client(name):
    key, secret = creds[name]
    return boto3.client(
        "artifact",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=botocore.config.Config(retries={"max_attempts": 1}),
    )


def ok(what):
    print("ok", what, flush=True)


def expect_error(call, code):
    try:
        call()
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, e.response
        return e
    raise AssertionError("expected " + code)


reader = client("reports-reader")

# Reports, paged with a small page size.
pages = list(reader.get_paginator("list_reports").paginate(PaginationConfig={"PageSize": 2}))
reports = [r for p in pages for r in p["reports"]]
assert len(pages) == 3, pages  # 2, 2 and 1 reports: three requests
assert [len(p["reports"]) for p in pages] == [2, 2, 1], pages
assert all(p.get("nextToken") for p in pages[:-1]), pages
assert len(reports) == 5, reports
assert len({r["id"] for r in reports}) == 5
for r in reports:
    assert isinstance(r["periodStart"], datetime.datetime) and r["periodStart"].tzinfo is not None, r
    assert r["periodStart"] < r["periodEnd"]
assert all("nextToken" not in p for p in pages[-1:]), pages[-1]
ok("list_reports paginated by 2: %d pages, %d reports" % (len(pages), len(reports)))

soc1 = next(r for r in reports if r["series"] == "SOC" and "SOC 1" in r["name"])
version_pages = list(
    reader.get_paginator("list_report_versions").paginate(
        reportId=soc1["id"], PaginationConfig={"PageSize": 1}
    )
)
versions = [r for p in version_pages for r in p["reports"]]
assert len(versions) >= 4, versions
assert len(version_pages) == len(versions), version_pages
assert all(p.get("nextToken") for p in version_pages[:-1]), version_pages
assert "nextToken" not in version_pages[-1], version_pages[-1]
assert sorted(v["version"] for v in versions) == [v["version"] for v in versions]
ok("list_report_versions of %s: %d versions in %d pages" % (soc1["id"], len(versions), len(version_pages)))

meta = reader.get_report_metadata(reportId=soc1["id"])["reportDetails"]
assert meta["id"] == soc1["id"] and meta["version"] == soc1["version"], meta
assert isinstance(meta["createdAt"], datetime.datetime)
assert meta["termArn"].startswith("arn:aws:artifact:" + region + "::term/term-")
old = reader.get_report_metadata(reportId=soc1["id"], reportVersion=1)["reportDetails"]
assert old["version"] == 1
ok("get_report_metadata")

term = reader.get_term_for_report(reportId=soc1["id"])
assert term["termToken"] and term["documentPresignedUrl"], term
got = reader.get_report(reportId=soc1["id"], termToken=term["termToken"])
assert soc1["id"] in got["documentPresignedUrl"], got
ok("get_term_for_report and get_report with its term token")

# Account settings and customer agreements, as the standalone account.
standalone = client("standalone-root")
assert standalone.get_account_settings()["accountSettings"]["notificationSubscriptionStatus"] == "NOT_SUBSCRIBED"
put = standalone.put_account_settings(notificationSubscriptionStatus="SUBSCRIBED")
assert put["accountSettings"]["notificationSubscriptionStatus"] == "SUBSCRIBED"
assert standalone.get_account_settings()["accountSettings"]["notificationSubscriptionStatus"] == "SUBSCRIBED"
ok("get_account_settings and put_account_settings")
assert standalone.list_customer_agreements()["customerAgreements"] == []
ok("list_customer_agreements")

# A denied call: botocore's AccessDeniedException with AWS's message.
denied = client("no-policy")
try:
    denied.list_reports()
    raise AssertionError("no-policy listed the reports")
except denied.exceptions.AccessDeniedException as e:
    msg = e.response["Error"]["Message"]
    assert msg == (
        "User: " + "arn:aws:iam::999988887777:user/no-policy"
        + " is not authorized to perform: artifact:ListReports on resource: *"
    ), msg
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert e.response["ResponseMetadata"]["RequestId"]
ok("AccessDeniedException with AWS's message")

# A bad report id: ValidationException with its reason and field list.
try:
    reader.get_report_metadata(reportId="bogus")
    raise AssertionError("a bad report id was accepted")
except reader.exceptions.ValidationException as e:
    assert e.response["reason"] == "fieldValidationFailed", e.response
    assert e.response["fieldList"][0]["name"] == "reportId", e.response
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
ok("ValidationException with reason and fieldList")

# An unknown report: ResourceNotFoundException with its members.
e = expect_error(lambda: reader.get_report_metadata(reportId="report-zzzzzzzzzzzzzzzz"), "ResourceNotFoundException")
assert e.response["resourceType"] == "report", e.response
ok("ResourceNotFoundException")

# A wrong secret: botocore reads the front end's error.
key, _ = creds["reports-reader"]
wrong = boto3.client(
    "artifact", endpoint_url=endpoint, region_name=region, aws_access_key_id=key,
    aws_secret_access_key="wrong", config=botocore.config.Config(retries={"max_attempts": 1}),
)
expect_error(wrong.list_reports, "InvalidSignatureException")
ok("InvalidSignatureException")

# The seven agreement operations, which the SDK's model lacks, signed with
# botocore's own SigV4 signer.
session = URLLib3Session()
root_key, root_secret = creds["standalone-root"]
signer = SigV4Auth(Credentials(root_key, root_secret), "artifact", region)


def raw(method, path, params=None, body=None, status=200, as_key=None):
    data = json.dumps(body) if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    url = endpoint + path
    if params:
        # As botocore's own serializers do: the query string in the URL
        # (repeated keys for a list), which the signer canonicalizes.
        url += "?" + percent_encode_sequence(params)
    req = AWSRequest(method=method, url=url, data=data, headers=headers)
    (signers[as_key] if as_key else signer).add_auth(req)
    res = session.send(req.prepare())
    out = json.loads(res.content or b"{}")
    assert res.status_code == status, (method, path, res.status_code, out)
    assert res.headers.get("x-amzn-RequestId"), res.headers
    return out


signers = {
    name: SigV4Auth(Credentials(key, secret), "artifact", region) for name, (key, secret) in creds.items()
}


agreements = raw("GET", "/v1/agreement/list", {"maxResults": "2"})
assert len(agreements["agreements"]) == 2 and agreements["nextToken"], agreements
rest = raw("GET", "/v1/agreement/list", {"nextToken": agreements["nextToken"]})
assert "nextToken" not in rest
everything = agreements["agreements"] + rest["agreements"]
baa = next(a for a in everything if a["id"] == "agreement-baa0000000000001")
ok("ListAgreements paged: %d agreements" % len(everything))
nda = raw("GET", "/v1/agreement/getNdaForAgreement", {"agreementId": baa["id"]})
ok("GetNdaForAgreement")
accepted = raw("POST", "/v1/agreement/acceptNdaForAgreement", body={
    "agreementId": baa["id"], "agreementRevisionId": nda["agreementRevisionId"],
    "ndaToken": nda["acceptNdaForAgreementToken"],
})
ok("AcceptNdaForAgreement")
view = raw("GET", "/v1/agreement/get", {"agreementId": baa["id"], "ndaToken": accepted["getAgreementToken"]})
assert view["acceptanceTerms"], view
ok("GetAgreement")
done = raw("POST", "/v1/agreement/accept", body={
    "agreementId": baa["id"], "agreementRevisionId": view["agreementRevisionId"],
    "acceptanceTermsToken": view["acceptanceTermsToken"], "executeAgreementToken": view["executeAgreementToken"],
})
ca = done["customerAgreement"]
assert ca["state"] == "ACTIVE" and ca["awsAccountId"] == "555566667777", ca
ok("AcceptAgreement")
listed = standalone.list_customer_agreements()["customerAgreements"]
assert [c["id"] for c in listed] == [ca["id"]], listed
assert isinstance(listed[0]["effectiveStart"], datetime.datetime)
ok("list_customer_agreements sees the acceptance")
view = raw("GET", "/v1/customer-agreement/get", {"customerAgreementId": ca["id"]})
ok("GetCustomerAgreement")
ended = raw("POST", "/v1/customer-agreement/terminate", body={
    "customerAgreementId": ca["id"], "terminateAgreementToken": view["terminateAgreementToken"],
})
assert ended["customerAgreement"]["state"] == "CUSTOMER_TERMINATED", ended
assert standalone.list_customer_agreements()["customerAgreements"] == []
ok("TerminateAgreement")
# Compliance inquiries and tagging, which the installed SDK model may not
# have yet: botocore's signer over a path whose label is escaped as
# botocore escapes URI labels (every reserved character).
created = raw("POST", "/v1/compliance-inquiry/create", body={
    "name": "Vendor review", "inquiryContent": {"query": "Do you have a SOC 2 report?"}, "tags": {"team": "grc"},
}, status=202, as_key="clinical-root")
inquiry = created["complianceInquirySummary"]
assert inquiry["status"] == "PROCESSING" and created["tags"] == {"team": "grc"}, created
ok("CreateComplianceInquiry (202)")
meta = raw("GET", "/v1/compliance-inquiry/getMetadata", {"complianceInquiryId": inquiry["id"]}, as_key="clinical-root")
assert meta["complianceInquiryDetail"]["status"] == "COMPLETED", meta
queries = raw("GET", "/v1/compliance-inquiry/listQueries", {"complianceInquiryId": inquiry["id"]}, as_key="clinical-root")
assert "SOC 2" in queries["queries"][0]["response"], queries
ok("GetComplianceInquiryMetadata and ListComplianceInquiryQueries")
label = "/tags/" + urllib.parse.quote(inquiry["arn"], safe="")
raw("POST", label, body={"tags": {"stage": "draft"}}, status=204, as_key="clinical-root")
assert raw("GET", label, as_key="clinical-root")["tags"] == {"team": "grc", "stage": "draft"}
raw("DELETE", label, {"tagKeys": ["stage", "team"]}, status=204, as_key="clinical-root")
assert raw("GET", label, as_key="clinical-root")["tags"] == {}
ok("TagResource, ListTagsForResource, UntagResource (204) on an escaped ARN label")

# Signature fidelity: botocore signs every header the request has but the
# few it never signs (User-Agent, X-Amzn-Trace-Id, Expect, ...), and the
# server verifies exactly the headers listed in SignedHeaders. A
# Content-Length set before signing is signed.
def signed_headers(req):
    return req.headers["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")


data = json.dumps({"notificationSubscriptionStatus": "NOT_SUBSCRIBED"})
req = AWSRequest(method="PUT", url=endpoint + "/v1/account-settings/put", data=data, headers={
    "Content-Type": "application/json", "Content-Length": str(len(data)),
    "X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793", "X-Custom-Header": "a   b",
})
signers["standalone-root"].add_auth(req)
assert {"content-length", "content-type", "host", "x-amz-date", "x-custom-header"} <= set(signed_headers(req)), signed_headers(req)
assert "x-amzn-trace-id" not in signed_headers(req)
res = session.send(req.prepare())
assert res.status_code == 200, res.content
assert json.loads(res.content)["accountSettings"]["notificationSubscriptionStatus"] == "NOT_SUBSCRIBED"
ok("a request whose Content-Length and custom header botocore signed")

# Given a Date header, botocore dates the request with it (RFC 2822's
# form) instead of X-Amz-Date, and signs it.
req = AWSRequest(method="GET", url=endpoint + "/v1/report/list?maxResults=1", headers={"Date": "set by the signer"})
signer.add_auth(req)
assert "X-Amz-Date" not in req.headers and "date" in signed_headers(req), (req.headers, signed_headers(req))
res = session.send(req.prepare())
assert res.status_code == 200, res.content
assert len(json.loads(res.content)["reports"]) == 1
ok("a request dated by its Date header (%s)" % req.headers["Date"])
print("all ok")
