import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { newCertificateRequest } from '@kapi/registry-certificates/testing';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';
import { testAdminUser } from './support/test-pki';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/certificates.yaml'), 'utf8');
const csrManifest = (name: string) => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${newCertificateRequest(`/CN=${name}`)}
  signerName: example.com/signer
  usages: [client auth]
`;

/** certificates.k8s.io/v1 through the real kubectl: apply both ways, requestor, approve and deny, columns, delete. */
describe('certificates.k8s.io/v1 through kubectl', function () {
  this.timeout(90_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  const ok = (args: string[], input?: string) => kubectlOk(server.url, args, { input });
  const row = async (name: string) => (await ok(['get', 'csr', name, '--no-headers'])).trim().split(/\s+/);

  it('kubectl apply creates the request as the caller, and diff is empty', async () => {
    expect(await ok(['apply', '-f', '-'], manifest)).to.equal('certificatesigningrequest.certificates.k8s.io/node-1-client created\n');
    const csr = JSON.parse(await ok(['get', 'csr', 'node-1-client', '-o', 'json']));
    expect(csr.spec.username).to.equal(testAdminUser);
    expect(csr.spec.groups).to.include('system:masters');
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
  });

  it('kubectl get csr prints NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION', async () => {
    const header = (await ok(['get', 'csr'])).split('\n')[0].split(/\s+/);
    expect(header).to.deep.equal(['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION']);
    const [name, , signer, requestor, duration, condition] = await row('node-1-client');
    expect([name, signer, requestor, duration, condition]).to.deep.equal(['node-1-client', 'example.com/node-client', testAdminUser, '24h', 'Pending']);
    // Signers list the requests addressed to them by field selector.
    expect(await ok(['get', 'csr', '--field-selector', 'spec.signerName=example.com/node-client', '-o', 'name'])).to.equal(
      'certificatesigningrequest.certificates.k8s.io/node-1-client\n',
    );
    expect(await ok(['get', 'csr', '--field-selector', 'spec.signerName=example.com/other', '-o', 'name'])).to.equal('');
  });

  it('kubectl certificate approve and deny set the conditions through /approval; both at once is refused', async () => {
    await ok(['apply', '-f', '-'], csrManifest('to-deny'));
    expect(await ok(['certificate', 'approve', 'node-1-client'])).to.equal('certificatesigningrequest.certificates.k8s.io/node-1-client approved\n');
    expect(await ok(['certificate', 'deny', 'to-deny'])).to.equal('certificatesigningrequest.certificates.k8s.io/to-deny denied\n');
    expect((await row('node-1-client'))[5]).to.equal('Approved');
    expect((await row('to-deny'))[5]).to.equal('Denied');
    const approved = JSON.parse(await ok(['get', 'csr', 'node-1-client', '-o', 'json']));
    expect(approved.status.conditions[0]).to.include({ type: 'Approved', status: 'True', reason: 'KubectlApprove' });
    // kubectl itself refuses to deny an approved request, so the body goes to /approval as is.
    expect((await kubectl(server.url, ['certificate', 'deny', 'node-1-client'])).stderr).to.include('is already Approved');
    approved.status.conditions.push({ type: 'Denied', status: 'True', reason: 'Test' });
    const both = await kubectl(server.url, ['replace', '--raw', '/apis/certificates.k8s.io/v1/certificatesigningrequests/node-1-client/approval', '-f', '-'], {
      input: JSON.stringify(approved),
    });
    expect(both.code).to.not.equal(0);
    expect(both.stderr).to.include('status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive');
    expect((await row('node-1-client'))[5]).to.equal('Approved');
  });

  it('refuses a request that is not a PEM CSR and stores nothing', async () => {
    const bad = csrManifest('bad').replace(/request: .*/, `request: ${Buffer.from('not a csr').toString('base64')}`);
    const r = await kubectl(server.url, ['apply', '-f', '-'], { input: bad });
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.include('spec.request: Invalid value:');
    expect(r.stderr).to.include('PEM block type must be CERTIFICATE REQUEST');
    expect((await kubectl(server.url, ['get', 'csr', 'bad'])).stderr).to.include('NotFound');
  });

  it('kubectl delete, then apply --server-side and diff --server-side', async () => {
    expect(await ok(['delete', '-f', '-'], manifest)).to.include('certificatesigningrequest.certificates.k8s.io "node-1-client" deleted');
    expect(await ok(['apply', '--server-side', '-f', '-'], manifest)).to.equal('certificatesigningrequest.certificates.k8s.io/node-1-client serverside-applied\n');
    const diff = await kubectl(server.url, ['diff', '--server-side', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    await ok(['delete', 'csr', '--all']);
    expect(await ok(['get', 'csr', '-o', 'name'])).to.equal('');
  });

  it('kubectl api-resources -o wide lists csr with its short name and verbs as kube-apiserver does', async () => {
    expect((await ok(['api-resources', '--api-group=certificates.k8s.io', '--no-headers', '-o', 'wide'])).trim().split(/\s+/)).to.deep.equal([
      'certificatesigningrequests',
      'csr',
      'certificates.k8s.io/v1',
      'false',
      'CertificateSigningRequest',
      'create,delete,deletecollection,get,list,patch,update,watch',
    ]);
  });
});
