import { expect } from 'chai';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

const yaml = (obj: unknown) => JSON.stringify(obj);

/**
 * `kubectl create -f` with its default --validate=strict, as against kube-apiserver. A kind without
 * PATCH in OpenAPI v3 (the reviews) sends kubectl to OpenAPI v2 as protobuf and to the CRD list
 * (cli-runtime's QueryParamVerifier); it then validates on the client against the v2 definitions.
 * Kinds with PATCH are validated by the server (fieldValidation=Strict).
 */
describe('kubectl create -f validates create-only kinds as against kube-apiserver', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi.stop();
  });

  const create = (obj: unknown, ...args: string[]) => kubectl(kapi.url, ['create', '-f', '-', ...args], { input: yaml(obj) });
  const createJSON = async (obj: unknown) => JSON.parse(await kubectlOk(kapi.url, ['create', '-f', '-', '-o', 'json'], { input: yaml(obj) }));

  it('a SelfSubjectAccessReview is created without --validate=false', async () => {
    const review = await createJSON({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } });
    expect(review.status.allowed).to.equal(true);
  });

  it('a SubjectAccessReview is created without --validate=false', async () => {
    const review = await createJSON({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } },
    });
    expect(review.spec.user).to.equal('bob');
    expect(review.status.allowed).to.equal(false);
  });

  it('a TokenReview is created without --validate=false', async () => {
    const review = await createJSON({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'not-a-token' } });
    expect(review.status.authenticated ?? false).to.equal(false);
  });

  it('an unknown field in a review is refused on the client, from the OpenAPI v2 definitions', async () => {
    const r = await create({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { bogus: 1, resourceAttributes: { verb: 'get', resource: 'pods' } } });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(
      'error validating data: ValidationError(SelfSubjectAccessReview.spec): unknown field "bogus" in io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec',
    );
    const token = await create({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'x', audience: [] } });
    expect(token.stderr).to.include('unknown field "audience" in io.k8s.api.authentication.v1.TokenReviewSpec');
  });

  it('an unknown field in a List item is refused on the client too (a List has no PATCH either)', async () => {
    const r = await create({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'in-list' }, bogus: 1 }] });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('ValidationError(ConfigMap): unknown field "bogus" in io.k8s.api.core.v1.ConfigMap');
  });

  it('an unknown field in a kind with PATCH is refused by the server (fieldValidation=Strict)', async () => {
    const r = await create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strict' }, bogus: 1 });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
    );
  });

  it('the CustomResourceDefinition list kubectl asks for is served; a CRD without a spec is refused', async () => {
    expect((await kubectl(kapi.url, ['get', 'crd'])).stderr).to.include('No resources found');
    expect((await kubectl(kapi.url, ['get', 'crd', 'widgets.example.dev'])).stderr).to.include('customresourcedefinitions.apiextensions.k8s.io "widgets.example.dev" not found');
    const created = await create({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.dev' } }, '--validate=false');
    expect(created.code).to.equal(1);
  });
});
