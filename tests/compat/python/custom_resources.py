"""The official `kubernetes` Python client's DynamicClient driving a custom resource on kapi.

Driven by tests/crd-python-client.test.ts, which starts kapi, establishes the CRD and asserts on the
output: one JSON object per line, `{"step": <name>, ...}`; a refused call prints
`{"step": ..., "error": {"status": <HTTP code>, "body": <the Status>}}`. The program asserts nothing.
"""

import argparse
import json

from kubernetes import client, config, dynamic
from kubernetes.client.rest import ApiException


def emit(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def attempt(step, fn, render):
    try:
        result = fn()
    except ApiException as e:
        emit(step, error={"status": e.status, "body": json.loads(e.body) if e.body else None})
        return None
    emit(step, **render(result))
    return result


def database(name, spec):
    return {"apiVersion": "stable.example.com/v1", "kind": "Database", "metadata": {"name": name}, "spec": spec}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kubeconfig", required=True)
    parser.add_argument("--namespace", default="default")
    args = parser.parse_args()
    config.load_kube_config(config_file=args.kubeconfig)
    dyn = dynamic.DynamicClient(client.ApiClient())
    ns = args.namespace

    # Discovery finds the kind by apiVersion and kind, as operators look it up.
    dbs = dyn.resources.get(api_version="stable.example.com/v1", kind="Database")
    emit("discovery", name=dbs.name, namespaced=dbs.namespaced, shortNames=dbs.short_names, verbs=sorted(dbs.verbs))

    # The resourceVersion before any write: the watch below replays every change from there.
    start_rv = dbs.get(namespace=ns).metadata.resourceVersion

    attempt("create", lambda: dbs.create(body=database("py-db", {"engine": "postgres"}), namespace=ns),
            lambda r: {"spec": r.to_dict()["spec"]})
    attempt("patch", lambda: dbs.patch(name="py-db", namespace=ns, body={"spec": {"replicas": 2}},
                                       content_type="application/merge-patch+json"),
            lambda r: {"spec": r.to_dict()["spec"]})
    attempt("apply", lambda: dbs.server_side_apply(body=database("py-db", {"engine": "postgres", "version": "16"}),
                                                   namespace=ns, field_manager="py-operator", force_conflicts=True),
            lambda r: {"spec": r.to_dict()["spec"],
                       "managers": sorted(m["manager"] for m in r.to_dict()["metadata"]["managedFields"])})
    attempt("list", lambda: dbs.get(namespace=ns),
            lambda r: {"kind": r.kind, "names": [i["metadata"]["name"] for i in r.to_dict()["items"]]})
    attempt("invalid", lambda: dbs.create(body=database("py-bad", {"engine": "oracle"}), namespace=ns), lambda r: {})
    attempt("delete", lambda: dbs.delete(name="py-db", namespace=ns), lambda r: {"status": r.to_dict().get("status")})
    attempt("get-deleted", lambda: dbs.get(name="py-db", namespace=ns), lambda r: {})

    # DynamicClient.watch from the first list's resourceVersion sees every write above, in order.
    events = []
    for event in dyn.watch(dbs, namespace=ns, resource_version=start_rv, timeout=10):
        events.append([event["type"], event["raw_object"]["metadata"]["name"]])
        if event["type"] == "DELETED":
            break
    emit("watch", events=events)


if __name__ == "__main__":
    main()
