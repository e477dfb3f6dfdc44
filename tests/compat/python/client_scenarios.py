"""The official `kubernetes` Python client against a kapi server, one scenario per run.

Driven by tests/compat/python-client.test.ts, which starts kapi and asserts on the output: one JSON
object per line, `{"step": <name>, ...}`. A step that the server refuses prints
`{"step": ..., "error": {"status": <HTTP code>, "body": <the Status the server sent>}}` so the test
compares it to kube-apiserver's Status; the program itself asserts nothing.

Credentials: `--kubeconfig FILE` (load_kube_config: a client certificate) or
`--server URL --ca FILE --token TOKEN` (a bearer token, with the CA verified).

Scenarios:
  admin    CRUD, label selector, watch, strategic merge patch, a Deployment, 404 and 409
  probe    who am I (SelfSubjectReview), list and create configmaps in --namespace
  version  VersionApi().get_code()
"""

import argparse
import json
import sys
import threading
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

serialize = client.ApiClient().sanitize_for_serialization


def emit(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def attempt(step, fn, render=lambda r: {}):
    """Runs one call; prints what it returned (through render) or the server's refusal."""
    try:
        result = fn()
    except ApiException as e:
        emit(step, error={"status": e.status, "body": json.loads(e.body) if e.body else None})
        return None
    emit(step, **render(result))
    return result


def config_map(name, data=None, labels=None):
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels=labels), data=data)


def admin(api, ns):
    core = client.CoreV1Api(api)
    apps = client.AppsV1Api(api)

    created = core.create_namespaced_config_map(ns, config_map("py-crud", {"a": "1"}, {"app": "py"}))
    read = core.read_namespaced_config_map("py-crud", ns)
    read.data = {"a": "2"}
    replaced = core.replace_namespaced_config_map("py-crud", ns, read)
    deleted = core.delete_namespaced_config_map("py-crud", ns)
    emit("crud", created=serialize(created), read=serialize(read), replaced=serialize(replaced),
         deleted=serialize(deleted), createdType=type(created).__name__)
    attempt("read-deleted", lambda: core.read_namespaced_config_map("py-crud", ns))

    core.create_namespaced_config_map(ns, config_map("py-sel-a", labels={"pick": "me"}))
    core.create_namespaced_config_map(ns, config_map("py-sel-b", labels={"pick": "other"}))
    picked = core.list_namespaced_config_map(ns, label_selector="pick=me")
    emit("list-selector", kind=picked.kind, apiVersion=picked.api_version,
         resourceVersion=picked.metadata.resource_version, names=[i.metadata.name for i in picked.items])

    watch_configmaps(core, ns)

    patched = core.patch_namespaced_config_map("py-sel-a", ns, {"data": {"b": "2"}, "metadata": {"labels": {"extra": "yes"}}})
    emit("patch-configmap", data=patched.data, labels=patched.metadata.labels)

    deployment = client.V1Deployment(
        metadata=client.V1ObjectMeta(name="py-web", labels={"app": "py-web"}),
        spec=client.V1DeploymentSpec(
            replicas=2,
            selector=client.V1LabelSelector(match_labels={"app": "py-web"}),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels={"app": "py-web"}),
                spec=client.V1PodSpec(containers=[client.V1Container(
                    name="nginx", image="nginx:1.27", env=[client.V1EnvVar(name="MODE", value="fast")])]),
            ),
        ),
    )
    created = apps.create_namespaced_deployment(ns, deployment)
    read = apps.read_namespaced_deployment("py-web", ns)
    emit("deployment", createdType=type(created).__name__, created=serialize(created), read=serialize(read))
    # A dict body goes out as application/strategic-merge-patch+json: containers merge by name.
    patched = apps.patch_namespaced_deployment(
        "py-web", ns, {"spec": {"template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.29"}]}}}})
    emit("patch-deployment", containers=serialize(patched.spec.template.spec.containers), generation=patched.metadata.generation)

    attempt("read-missing", lambda: core.read_namespaced_config_map("py-missing", ns))
    attempt("create-duplicate", lambda: core.create_namespaced_config_map(ns, config_map("py-sel-a")))


def watch_configmaps(core, ns):
    """A watch from a list's resourceVersion while another thread creates, patches and deletes."""
    start = core.list_namespaced_config_map(ns).metadata.resource_version

    def write():
        time.sleep(0.3)
        core.create_namespaced_config_map(ns, config_map("py-watched", {"a": "1"}))
        core.patch_namespaced_config_map("py-watched", ns, {"data": {"a": "2"}})
        core.delete_namespaced_config_map("py-watched", ns)

    writer = threading.Thread(target=write)
    writer.start()
    w = watch.Watch()
    events = []
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=start, timeout_seconds=10):
        obj = event["object"]
        events.append([event["type"], type(obj).__name__, obj.metadata.name, obj.data])
        if len(events) == 3:
            w.stop()
    writer.join()
    emit("watch", events=events)

    # The server ends a watch after timeoutSeconds; the stream then ends without an error.
    began = time.monotonic()
    quiet = list(watch.Watch().stream(core.list_namespaced_config_map, ns, label_selector="none=here", timeout_seconds=1))
    emit("watch-timeout", events=len(quiet), seconds=round(time.monotonic() - began, 2))


def probe(api, ns, name):
    attempt("whoami", lambda: client.AuthenticationV1Api(api).create_self_subject_review(client.V1SelfSubjectReview()),
            lambda r: {"kind": r.kind, "userInfo": serialize(r.status.user_info)})
    core = client.CoreV1Api(api)
    attempt("list", lambda: core.list_namespaced_config_map(ns),
            lambda r: {"names": [i.metadata.name for i in r.items]})
    attempt("create", lambda: core.create_namespaced_config_map(ns, config_map(name, {"by": "python"})),
            lambda r: {"name": r.metadata.name})


def version(api):
    info = client.VersionApi(api).get_code()
    emit("version", type=type(info).__name__, info=serialize(info))


def api_client(args):
    if args.kubeconfig:
        config.load_kube_config(config_file=args.kubeconfig)
        return client.ApiClient()
    cfg = client.Configuration(host=args.server)
    cfg.ssl_ca_cert = args.ca
    cfg.api_key = {"authorization": "Bearer " + args.token}
    return client.ApiClient(cfg)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["admin", "probe", "version"])
    parser.add_argument("--kubeconfig")
    parser.add_argument("--server")
    parser.add_argument("--ca")
    parser.add_argument("--token")
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--name", default="py-probe", help="configmap the probe creates")
    args = parser.parse_args()
    if not args.kubeconfig and not (args.server and args.ca and args.token):
        parser.error("--kubeconfig, or --server, --ca and --token")
    api = api_client(args)
    if args.scenario == "admin":
        admin(api, args.namespace)
    elif args.scenario == "probe":
        probe(api, args.namespace, args.name)
    else:
        version(api)


if __name__ == "__main__":
    sys.exit(main())
