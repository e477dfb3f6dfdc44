import { expect } from 'chai';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

const group = 'admissionregistration.k8s.io';

const validatingWebhooks = (name: string, webhooks: object[]) =>
  JSON.stringify({ apiVersion: `${group}/v1`, kind: 'ValidatingWebhookConfiguration', metadata: { name }, webhooks });

const goodHook = {
  name: 'deny.example.dev',
  clientConfig: { service: { namespace: 'default', name: 'hooks', path: '/validate' }, caBundle: Buffer.from('ca').toString('base64') },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
};

describe('admissionregistration.k8s.io/v1 via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
  });

  it('serves the four kinds in discovery', async () => {
    const out = await kubectlOk(kapi.url, ['api-resources', '--api-group', group, '--no-headers']);
    for (const r of ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings']) {
      expect(out).to.match(new RegExp(`^${r}\\s+${group}/v1\\s+false\\s+`, 'm'));
    }
  });

  it('a webhook configuration gets v1 defaults and prints its WEBHOOKS count', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: validatingWebhooks('deny-pods', [goodHook]) });
    const obj = JSON.parse(await kubectlOk(kapi.url, ['get', 'validatingwebhookconfiguration', 'deny-pods', '-o', 'json']));
    const hook = obj.webhooks[0];
    expect(hook).to.include({ failurePolicy: 'Fail', matchPolicy: 'Equivalent', timeoutSeconds: 10 });
    expect(hook.namespaceSelector).to.deep.equal({});
    expect(hook.rules[0].scope).to.equal('*');
    expect(hook.clientConfig.service.port).to.equal(443);
    expect(obj.metadata.generation).to.equal(1);
    const table = await kubectlOk(kapi.url, ['get', 'validatingwebhookconfigurations']);
    expect(table)
      .to.match(/^NAME\s+WEBHOOKS\s+AGE$/m)
      .and.match(/^deny-pods\s+1\s+/m);
  });

  it("an invalid webhook configuration is a 422 listing kube's causes, and nothing is stored", async () => {
    const bad = {
      name: 'short',
      clientConfig: { url: 'http://example.com/x?y=1' },
      sideEffects: 'Some',
      timeoutSeconds: 31,
      rules: [{ operations: ['CREATE', '*'], apiGroups: [''], apiVersions: ['v1'], resources: ['*/*', 'pods'] }],
      admissionReviewVersions: ['v2'],
      failurePolicy: 'Sometimes',
    };
    const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: validatingWebhooks('bad', [bad]) });
    expect(r.code).to.not.equal(0);
    for (const cause of [
      'The ValidatingWebhookConfiguration "bad" is invalid',
      'webhooks[0].name: Invalid value: "short": should be a domain with at least three segments separated by dots',
      // List values are rendered by apiserver-core's FieldError as JSON (kube prints Go's %#v of the typed slice).
      'webhooks[0].rules[0].operations: Invalid value: ["CREATE","*"]: if \'*\' is present, must not specify other operations',
      'webhooks[0].rules[0].resources: Invalid value: ["*/*","pods"]: if \'*/*\' is present, must not specify other resources',
      'webhooks[0].failurePolicy: Unsupported value: "Sometimes": supported values: "Fail", "Ignore"',
      'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
      'webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds',
      'webhooks[0].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
      'webhooks[0].clientConfig.url: Invalid value: "y=1": query parameters are not permitted in the URL',
      'webhooks[0].admissionReviewVersions: Invalid value: ["v2"]: must include at least one of v1, v1beta1',
    ])
      expect(r.stderr).to.include(cause);
    const dup = await kubectl(kapi.url, ['create', '-f', '-'], { input: validatingWebhooks('dup', [goodHook, { ...goodHook, clientConfig: {} }]) });
    expect(dup.stderr)
      .to.include('webhooks[1].name: Duplicate value: "deny.example.dev"')
      .and.include('webhooks[1].clientConfig: Required value: exactly one of url or service is required');
    expect((await kubectl(kapi.url, ['get', 'validatingwebhookconfiguration', 'bad'])).stderr).to.include('not found');
  });

  it("matchConditions are compiled when stored: bad CEL, names and duplicates are kube's 422 causes", async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], {
      input: validatingWebhooks('conditional', [{ ...goodHook, matchConditions: [{ name: 'not-kube-system', expression: "request.namespace != 'kube-system'" }] }]),
    });
    const r = await kubectl(kapi.url, ['create', '-f', '-'], {
      input: validatingWebhooks('bad-conditions', [
        {
          ...goodHook,
          matchConditions: [
            { name: 'a', expression: 'params.x == 1' },
            { name: 'bad name!', expression: '1' },
            { name: 'a', expression: 'object.metadata.name +' },
            { name: 'c', expression: '' },
          ],
        },
      ]),
    });
    expect(r.stderr).to.include(
      `webhooks[0].matchConditions[0].expression: Invalid value: "params.x == 1": compilation failed: ERROR: <input>:1:1: undeclared reference to 'params' (in container '')`,
    );
    expect(r.stderr).to.include('webhooks[0].matchConditions[1].expression: Invalid value: "1": must evaluate to bool but got int');
    expect(r.stderr).to.include(`webhooks[0].matchConditions[1].name: Invalid value: "bad name!": name part must consist of alphanumeric characters`);
    expect(r.stderr).to.include('webhooks[0].matchConditions[2].expression: Invalid value: "object.metadata.name +": compilation failed: ERROR: <input>:1:23:');
    expect(r.stderr).to.include('webhooks[0].matchConditions[2].name: Duplicate value: "a"');
    expect(r.stderr).to.include('webhooks[0].matchConditions[3].expression: Required value');
  });

  it('a mutating webhook configuration defaults reinvocationPolicy and refuses an unknown one', async () => {
    const mwc = (name: string, extra: object) =>
      JSON.stringify({ apiVersion: `${group}/v1`, kind: 'MutatingWebhookConfiguration', metadata: { name }, webhooks: [{ ...goodHook, ...extra }] });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: mwc('sidecar', {}) });
    const obj = JSON.parse(await kubectlOk(kapi.url, ['get', 'mutatingwebhookconfiguration', 'sidecar', '-o', 'json']));
    expect(obj.webhooks[0].reinvocationPolicy).to.equal('Never');
    const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: mwc('again', { reinvocationPolicy: 'Always' }) });
    expect(r.stderr).to.include('webhooks[0].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"');
  });

  it('a policy and its binding are stored with defaults; a binding with both Deny and Warn is refused', async () => {
    const policy = {
      apiVersion: `${group}/v1`,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'replicas' },
      spec: {
        paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
        matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
        validations: [{ expression: 'object.spec.replicas <= int(params.data.max)', messageExpression: "'too many replicas'" }],
      },
    };
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: JSON.stringify(policy) });
    const stored = JSON.parse(await kubectlOk(kapi.url, ['get', 'validatingadmissionpolicy', 'replicas', '-o', 'json']));
    expect(stored.spec.failurePolicy).to.equal('Fail');
    expect(stored.spec.matchConstraints).to.include({ matchPolicy: 'Equivalent' });
    expect(await kubectlOk(kapi.url, ['get', 'validatingadmissionpolicies'])).to.match(/^replicas\s+1\s+v1\/ConfigMap\s+/m);
    expect(await kubectlOk(kapi.url, ['get', '--raw', `/apis/${group}/v1/validatingadmissionpolicies/replicas/status`])).to.include('"name":"replicas"');
    const binding = (actions: string[]) =>
      JSON.stringify({
        apiVersion: `${group}/v1`,
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: 'replicas-binding' },
        spec: { policyName: 'replicas', validationActions: actions, paramRef: { name: 'limits', namespace: 'default', parameterNotFoundAction: 'Deny' } },
      });
    const refused = await kubectl(kapi.url, ['create', '-f', '-'], { input: binding(['Deny', 'Warn']) });
    expect(refused.stderr).to.include(
      'The ValidatingAdmissionPolicyBinding "replicas-binding" is invalid: spec.validationActions: Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn',
    );
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: binding(['Deny']) });
    expect(await kubectlOk(kapi.url, ['get', 'validatingadmissionpolicybindings'])).to.match(/^replicas-binding\s+replicas\s+default\/limits\s+/m);
  });

  it("a policy without validations or matchConstraints is a 422 with kube's causes", async () => {
    const r = await kubectl(kapi.url, ['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: `${group}/v1`, kind: 'ValidatingAdmissionPolicy', metadata: { name: 'empty' }, spec: {} }),
    });
    expect(r.stderr)
      .to.include('spec.matchConstraints: Required value')
      .and.include('spec.validations: Required value: validations or auditAnnotations must contain at least one item');
  });
});
