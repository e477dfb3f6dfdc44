import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { emulationArgs, kubeComponentsBin } from './support/kube-components';
import { kubectl, kubectlOk } from './support/kubectl';
import { testUser } from './support/test-pki';

/** A policy limiting Deployment replicas to a ConfigMap's `maxReplicas`, refusing with its messageExpression. */
const replicaLimit = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replica-limit}
spec:
  failurePolicy: Fail
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules: [{apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["deployments"]}]
  variables:
  - name: max
    expression: "int(params.data.maxReplicas)"
  validations:
  - expression: "object.spec.replicas <= variables.max"
    messageExpression: "'replicas ' + string(object.spec.replicas) + ' exceed the limit of ' + string(variables.max)"
    reason: Forbidden
  auditAnnotations:
  - key: replicas
    valueExpression: "string(object.spec.replicas)"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: replica-limit, namespace: default}
data: {maxReplicas: "3"}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replica-limit-deny}
spec:
  policyName: replica-limit
  validationActions: [Deny]
  paramRef: {name: replica-limit, parameterNotFoundAction: Deny}
  matchResources:
    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}
`;

/** A policy that only warns (and records in the audit log) about images tagged latest. */
const noLatest = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-latest}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["deployments"]}]
  validations:
  - expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))"
    message: "images must not use the latest tag"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-latest-warn}
spec:
  policyName: no-latest
  validationActions: [Warn, Audit]
`;

const deployment = (name: string, replicas: number, image = 'nginx:1.27', namespace = 'default') =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } } },
  });

/** Policies are read from the watch cache: wait until a probe request sees the policy act. */
async function untilDenied(url: string, name: string, replicas: number): Promise<string> {
  return eventually(async () => {
    const r = await kubectl(url, ['create', '-f', '-', '--dry-run=server'], { input: deployment(name, replicas) });
    if (r.code === 0) throw new Error('not yet denied');
    return r.stderr;
  });
}

describe('ValidatingAdmissionPolicy via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let tmp: ReturnType<typeof tempDir>;
  let auditLog: string;
  before(async () => {
    tmp = tempDir('kapi-vap-');
    auditLog = path.join(tmp.dir, 'audit.log');
    writeFileSync(path.join(tmp.dir, 'policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
    kapi = await startKapi(['--storage-backend', 'memory', '--audit-policy-file', path.join(tmp.dir, 'policy.yaml'), '--audit-log-path', auditLog]);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: replicaLimit });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: noLatest });
    await untilDenied(kapi.url, 'probe', 9);
  });
  after(async () => {
    await kapi?.stop();
    tmp?.cleanup();
  });

  it("denies a deployment over the param's limit exactly as kube-apiserver prints it; nothing is stored", async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: deployment('big', 5) });
    expect(r.code).to.equal(1);
    expect(r.stderr.trim()).to.equal(
      `Error from server (Forbidden): error when creating "STDIN": deployments.apps "big" is forbidden: ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-deny' denied request: replicas 5 exceed the limit of 3`,
    );
    expect((await kubectl(kapi.url, ['get', 'deployment', 'big'])).stderr).to.include('NotFound');
  });

  it('admits one within the limit, and an update over it is denied too', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: deployment('small', 2) });
    const r = await kubectl(kapi.url, ['scale', 'deployment', 'small', '--replicas=4']);
    // kubectl scale goes through the scale subresource, which the policy's rule (deployments, no subresource) does not match.
    expect(r.code).to.equal(0);
    const up = await kubectl(kapi.url, ['apply', '-f', '-'], { input: deployment('small', 7) });
    expect(up.stderr).to.include(
      `deployments.apps "small" is forbidden: ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-deny' denied request: replicas 7 exceed the limit of 3`,
    );
  });

  it('follows the param: a raised limit admits what was denied', async () => {
    await kubectlOk(kapi.url, ['patch', 'configmap', 'replica-limit', '-p', '{"data":{"maxReplicas":"6"}}']);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: deployment('medium', 5) });
    await kubectlOk(kapi.url, ['patch', 'configmap', 'replica-limit', '-p', '{"data":{"maxReplicas":"3"}}']);
  });

  it('Warn shows kubectl a warning and admits; Audit records the failure in the audit log', async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: deployment('latest', 1, 'nginx:latest') });
    expect(r.code).to.equal(0);
    expect(r.stderr).to.include(`Warning: Validation failed for ValidatingAdmissionPolicy 'no-latest' with binding 'no-latest-warn': images must not use the latest tag`);
    const event = await eventually(() => {
      const events = readFileSync(auditLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const e = events.find((x) => x.stage === 'ResponseComplete' && x.verb === 'create' && x.objectRef?.name === 'latest');
      if (!e) throw new Error('no audit event yet');
      return e;
    });
    expect(JSON.parse(event.annotations['validation.policy.admission.k8s.io/validation_failure'])).to.deep.equal([
      { message: 'images must not use the latest tag', policy: 'no-latest', binding: 'no-latest-warn', expressionIndex: 0, validationActions: ['Warn', 'Audit'] },
    ]);
    expect(event.annotations['replica-limit/replicas']).to.equal('1');
  });

  it("a binding whose param is missing denies with parameterNotFoundAction Deny, with kube's 422", async () => {
    await kubectlOk(kapi.url, ['create', 'namespace', 'other']);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: replicaLimit
        .replace('kubernetes.io/metadata.name: default', 'kubernetes.io/metadata.name: other')
        .replace('name: replica-limit-deny', 'name: replica-limit-other')
        .split('---')
        .filter((d) => d.includes('Binding'))
        .join(''),
    });
    const r = await eventually(async () => {
      const out = await kubectl(kapi.url, ['create', '-f', '-'], { input: deployment('x', 1, 'nginx:1.27', 'other') });
      if (out.code === 0) throw new Error('admitted');
      return out;
    });
    expect(r.stderr.trim()).to.equal(
      `The deployments "x" is invalid: : ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-other' denied request: failed to configure binding: no params found for policy binding with \`Deny\` parameterNotFoundAction`,
    );
  });

  it('matchPolicy Equivalent: a policy written for autoscaling/v2 judges an autoscaling/v1 request in the v2 form', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: hpa-cpu-cap}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: ["autoscaling"], apiVersions: ["v2"], operations: ["CREATE"], resources: ["horizontalpodautoscalers"]}]
  validations:
  - expression: "object.spec.metrics.all(m, m.resource.target.averageUtilization <= 80)"
    messageExpression: "'cpu target over 80% (asked as ' + request.requestKind.version + ', judged as ' + request.kind.version + ')'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: hpa-cpu-cap}
spec: {policyName: hpa-cpu-cap, validationActions: [Deny]}
`,
    });
    const hpa = (name: string, target: number) =>
      JSON.stringify({
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace: 'default' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: target },
      });
    const r = await eventually(async () => {
      const out = await kubectl(kapi.url, ['create', '-f', '-'], { input: hpa('hot', 90) });
      if (out.code === 0) throw new Error('admitted');
      return out;
    });
    expect(r.stderr.trim()).to.equal(
      `The horizontalpodautoscalers "hot" is invalid: : ValidatingAdmissionPolicy 'hpa-cpu-cap' with binding 'hpa-cpu-cap' denied request: cpu target over 80% (asked as v1, judged as v2)`,
    );
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: hpa('cool', 50) });
  });

  it("a policy whose CEL does not compile is refused with kube's 422 and causes", async () => {
    const bad = replicaLimit
      .split('---')[0]
      .replace('object.spec.replicas <= variables.max', 'object.spec.replicas <= ')
      .replace('name: replica-limit}', 'name: broken}')
      .replace("'replicas ' + string(object.spec.replicas) + ' exceed the limit of ' + string(variables.max)", '3');
    const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: bad });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(
      'The ValidatingAdmissionPolicy "broken" is invalid: \n* spec.validations[0].expression: Invalid value: "object.spec.replicas <= ": compilation failed: ERROR: <input>:1:25:',
    );
    expect(r.stderr).to.include('* spec.validations[0].messageExpression: Invalid value: "3": must evaluate to string but got int');
  });
});

/** The `authorizer` variable asks the server's authorizer (RBAC here) as the requesting user. */
describe('ValidatingAdmissionPolicy with the CEL authorizer under RBAC', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory', '--authorization-mode', 'RBAC']);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: protected-configmaps}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["configmaps"]}]
  matchConditions:
  - name: protected
    expression: "has(object.metadata.labels) && 'protected' in object.metadata.labels"
  validations:
  - expression: "authorizer.group('').resource('configmaps').namespace(object.metadata.namespace).name('guard').check('update').allowed()"
    messageExpression: "'user ' + request.userInfo.username + ' may not update configmap guard'"
    reason: Forbidden
  - expression: "!authorizer.serviceAccount('default', 'builder').group('apps').resource('deployments').namespace('default').check('create').allowed()"
    message: "the builder service account must not create deployments"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: protected-configmaps}
spec: {policyName: protected-configmaps, validationActions: [Deny]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cm-writer, namespace: default}
rules: [{apiGroups: [""], resources: ["configmaps"], verbs: ["create", "get"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-cm-writer, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-writer}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: dev}]
`,
    });
  });
  after(async () => {
    await kapi?.stop();
  });

  const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { protected: 'yes' } } });

  it('denies a user RBAC does not allow the checked verb, admits one it does', async () => {
    const dev = await testUser('dev');
    const denied = await eventually(async () => {
      const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: cm('by-dev'), credentials: dev.kubectlArgs });
      if (r.code === 0) throw new Error('admitted');
      return r;
    });
    expect(denied.stderr.trim()).to.equal(
      `Error from server (Forbidden): error when creating "STDIN": configmaps "by-dev" is forbidden: ValidatingAdmissionPolicy 'protected-configmaps' with binding 'protected-configmaps' denied request: user dev may not update configmap guard`,
    );
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: cm('by-admin') });
    // Unlabelled configmaps do not match the policy's condition: dev may create them.
    await kubectlOk(kapi.url, ['create', 'configmap', 'plain', '-n', 'default'], { credentials: dev.kubectlArgs });
  });

  it("authorizer.requestResource checks a custom verb on the request's own resource", async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: publish-secrets}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["secrets"]}]
  validations:
  - expression: "authorizer.requestResource.check('publish').allowed()"
    message: "creating secrets needs the publish verb on them"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: publish-secrets}
spec: {policyName: publish-secrets, validationActions: [Deny]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-writer, namespace: default}
rules: [{apiGroups: [""], resources: ["secrets"], verbs: ["create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-secret-writer, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-writer}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: dev}]
`,
    });
    const dev = await testUser('dev');
    const denied = await eventually(async () => {
      const r = await kubectl(kapi.url, ['create', 'secret', 'generic', 's1', '-n', 'default', '--from-literal=a=b'], { credentials: dev.kubectlArgs });
      if (!r.stderr.includes('publish')) throw new Error(r.stderr || 'admitted');
      return r;
    });
    expect(denied.stderr).to.include(
      `secrets "s1" is forbidden: ValidatingAdmissionPolicy 'publish-secrets' with binding 'publish-secrets' denied request: creating secrets needs the publish verb on them`,
    );
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 's1', '-n', 'default', '--from-literal=a=b']);
  });

  it('serviceAccount() checks as that service account: granting it the verb trips the rule', async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: cm('before-grant') });
    await kubectlOk(kapi.url, ['create', 'role', 'deployer', '-n', 'default', '--verb=create', '--resource=deployments.apps']);
    await kubectlOk(kapi.url, ['create', 'rolebinding', 'builder-deployer', '-n', 'default', '--role=deployer', '--serviceaccount=default:builder']);
    const r = await eventually(async () => {
      const out = await kubectl(kapi.url, ['create', '-f', '-', '--dry-run=server'], { input: cm('after-grant') });
      if (out.code === 0) throw new Error('admitted');
      return out;
    });
    expect(r.stderr).to.include('denied request: the builder service account must not create deployments');
  });
});

/**
 * status.typeChecking is kube-controller-manager's work (validatingadmissionpolicy-status-controller):
 * it type-checks each expression against the matched kinds' OpenAPI schemas from the server and writes
 * the warnings to /status. The real controller, run against kapi, must find what it finds on kube.
 */
describe('ValidatingAdmissionPolicy type checking by kube-controller-manager', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let tmp: ReturnType<typeof tempDir>;
  let kcm: ReturnType<typeof spawn> | undefined;
  before(async () => {
    tmp = tempDir('kapi-vap-kcm-');
    kapi = await startKapi(['--storage-backend', 'memory']);
    const user = await testUser('kcm-status', ['system:masters']);
    writeFileSync(path.join(tmp.dir, 'kubeconfig'), user.kubeconfig(kapi.url));
    const bin = kubeComponentsBin();
    kcm = spawn(
      path.join(bin, 'kube-controller-manager'),
      [
        ...emulationArgs(bin),
        '--kubeconfig',
        path.join(tmp.dir, 'kubeconfig'),
        '--controllers=validatingadmissionpolicy-status-controller',
        '--leader-elect=false',
        '--secure-port=0',
      ],
      { stdio: 'ignore' },
    );
  });
  after(async () => {
    kcm?.kill();
    await kapi?.stop();
    tmp?.cleanup();
  });

  it("writes kube's expression warnings to the policy's status", async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: typo}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"]}]
  validations:
  - expression: "object.spec.replicass <= 5"
  - expression: "object.spec.replicas <= 'a'"
`,
    });
    const status = await eventually(
      async () => {
        const s = JSON.parse(await kubectlOk(kapi.url, ['get', 'validatingadmissionpolicy', 'typo', '-o', 'json'])).status;
        if (!s?.typeChecking) throw new Error('not checked yet');
        return s;
      },
      60_000,
      500,
    );
    expect(status).to.deep.equal({
      observedGeneration: 1,
      typeChecking: {
        expressionWarnings: [
          {
            fieldRef: 'spec.validations[0].expression',
            warning: "apps/v1, Kind=Deployment: ERROR: <input>:1:12: undefined field 'replicass'\n | object.spec.replicass <= 5\n | ...........^\n",
          },
          {
            fieldRef: 'spec.validations[1].expression',
            warning:
              "apps/v1, Kind=Deployment: ERROR: <input>:1:22: found no matching overload for '_<=_' applied to '(int, string)'\n | object.spec.replicas <= 'a'\n | .....................^\n",
          },
        ],
      },
    });
  });
});

/**
 * Where storage matters: policies, bindings and params are read from the backend (the watch cache
 * for policies, a fresh read for a named param), so a param-backed policy must act the same on both.
 */
for (const backend of ['etcd3', 'embedded'] as const) {
  describe(`ValidatingAdmissionPolicy with a ConfigMap param on the ${backend} backend`, function () {
    this.timeout(120_000);
    let kapi: KapiProcess;
    let etcd: EtcdProcess | undefined;
    let tmp: ReturnType<typeof tempDir>;
    before(async () => {
      tmp = tempDir('kapi-vap-store-');
      if (backend === 'etcd3') etcd = await startEtcd();
      kapi = await startKapi(
        backend === 'etcd3' ? ['--storage-backend', 'etcd3', '--etcd-servers', etcd!.endpoint] : ['--storage-backend', 'embedded', '--data-dir', path.join(tmp.dir, 'data')],
      );
      await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: replicaLimit });
    });
    after(async () => {
      await kapi?.stop();
      await etcd?.stop();
      tmp?.cleanup();
    });

    it('denies past the param, admits within it, and follows a param change at once', async () => {
      expect(await untilDenied(kapi.url, 'big', 5)).to.include(
        `deployments.apps "big" is forbidden: ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-deny' denied request: replicas 5 exceed the limit of 3`,
      );
      await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: deployment('ok', 3) });
      await kubectlOk(kapi.url, ['patch', 'configmap', 'replica-limit', '-p', '{"data":{"maxReplicas":"5"}}']);
      await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: deployment('big', 5) });
      await kubectlOk(kapi.url, ['delete', 'configmap', 'replica-limit']);
      const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: deployment('later', 1) });
      expect(r.stderr).to.include('failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction');
    });

    it('a deleted binding stops the policy', async () => {
      await kubectlOk(kapi.url, ['delete', 'validatingadmissionpolicybinding', 'replica-limit-deny']);
      await eventually(() => kubectlOk(kapi.url, ['apply', '-f', '-'], { input: deployment('free', 9) }));
    });
  });
}
