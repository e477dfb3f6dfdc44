import { expect } from 'chai';
import { eventually } from './support/eventually';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

/**
 * The API approval rule for CRDs of protected community groups (*.k8s.io, *.kubernetes.io,
 * KEP-1111) and the KubernetesAPIApprovalPolicyConformant condition. Every message below is what
 * kubectl printed against the real kube-apiserver v1.32.4 for the same manifests.
 */
describe('CRDs of *.k8s.io groups need api-approved.kubernetes.io', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi();
  });
  after(() => kapi.stop());

  const crd = (plural: string, group: string, approval?: string) =>
    JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}`, ...(approval === undefined ? {} : { annotations: { 'api-approved.kubernetes.io': approval } }) },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural, singular: plural.replace(/s$/, ''), kind: `K${plural}` },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    });
  const condition = async (name: string) => {
    const out = await kubectlOk(kapi.url, ['get', 'crd', name, '-o', 'jsonpath={.status.conditions[?(@.type=="KubernetesAPIApprovalPolicyConformant")]}']);
    if (!out) throw new Error('no condition yet');
    const { lastTransitionTime: _t, ...c } = JSON.parse(out);
    return c;
  };
  const see = 'see https://github.com/kubernetes/enhancements/pull/1111';

  it("refuses a missing or malformed annotation with kube's 422", async () => {
    const missing = await kubectl(kapi.url, ['create', '-f', '-'], { input: crd('things', 'x.k8s.io') });
    expect(missing.stderr).to.equal(
      `The CustomResourceDefinition "things.x.k8s.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", ${see}\n`,
    );
    const bad = await kubectl(kapi.url, ['create', '-f', '-'], { input: crd('bads', 'x.kubernetes.io', 'bad value') });
    expect(bad.stderr).to.equal(
      `The CustomResourceDefinition "bads.x.kubernetes.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Invalid value: "bad value": protected groups must have approval annotation "api-approved.kubernetes.io" with either a URL or a reason starting with "unapproved", ${see}\n`,
    );
    // Other groups need nothing.
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: crd('frees', 'example.dev') });
  });

  it('accepts an API review URL or an "unapproved…" reason and reports it in the condition', async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: crd('apps', 'x.k8s.io', 'https://github.com/kubernetes/kubernetes/pull/1') });
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: crd('unapps', 'x.k8s.io', 'unapproved, testing') });
    await eventually(
      async () =>
        expect(await condition('apps.x.k8s.io')).to.deep.equal({
          type: 'KubernetesAPIApprovalPolicyConformant',
          status: 'True',
          reason: 'ApprovedAnnotation',
          message: 'approved in https://github.com/kubernetes/kubernetes/pull/1',
        }),
      10_000,
      200,
    );
    await eventually(
      async () =>
        expect(await condition('unapps.x.k8s.io')).to.deep.equal({
          type: 'KubernetesAPIApprovalPolicyConformant',
          status: 'False',
          reason: 'UnapprovedAnnotation',
          message: 'not approved: "unapproved, testing"',
        }),
      10_000,
      200,
    );
    const free = await kubectlOk(kapi.url, ['get', 'crd', 'frees.example.dev', '-o', 'jsonpath={.status.conditions[*].type}']);
    expect(free).to.not.include('KubernetesAPIApprovalPolicyConformant');
  });

  it('refuses an update that removes the annotation, but not one that leaves its state alone', async () => {
    const removed = await kubectl(kapi.url, ['annotate', 'crd', 'apps.x.k8s.io', 'api-approved.kubernetes.io-']);
    expect(removed.stderr).to.equal(
      `The CustomResourceDefinition "apps.x.k8s.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", ${see}\n`,
    );
    expect(await kubectlOk(kapi.url, ['label', 'crd', 'unapps.x.k8s.io', 'foo=bar'])).to.equal('customresourcedefinition.apiextensions.k8s.io/unapps.x.k8s.io labeled\n');
  });
});
