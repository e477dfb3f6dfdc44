"""Schemathesis hooks for fuzzing kapi (tests/http-fuzz.test.ts, scripts/fuzz.sh).

kube_server_error: a 5xx is a bug, except the ones kube-apiserver documents for a healthy server
under a hostile client: 503 (storage or a dependency unavailable, Retry-After) and 504 (a request
that ran past its timeout). The stock not_a_server_error check fails on every 5xx.

A generated `watch=true` would hold a request open for kube's minimum request timeout (30 min and
more) and read as a hang; such a request (and any under /watch/) gets `timeoutSeconds=1`, so watches are fuzzed and end.

A body with many unknown fields gets one Warning header each (kube caps them at 4096 characters
in all); Python's http.client gives up at 100 headers, which Go's client does not, so it may read
more.
"""
import http.client

import schemathesis

http.client._MAXHEADERS = 10_000

ALLOWED_5XX = {503, 504}


@schemathesis.check
def kube_server_error(ctx, response, case):
    """A 5xx other than kube's documented 503 and 504."""
    if response.status_code >= 500 and response.status_code not in ALLOWED_5XX:
        raise AssertionError(f"{response.status_code} {response.text[:300]}")


@schemathesis.hook
def before_call(context, case, kwargs):
    watching = "/watch/" in case.path or (isinstance(case.query, dict) and "watch" in case.query)
    if watching:
        case.query = {**(case.query or {}), "timeoutSeconds": 1}
