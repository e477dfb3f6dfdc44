import { expect } from 'chai';
import type { KObject, RequestContext, StatusREST, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { certificatesRESTStorageProvider } from '../rest/storage-certificates';
import { newCertificateRequest } from '../testing/certificate-request';
import { checkCertificateRequest } from './pem';

const alice: RequestContext = { user: { name: 'alice', uid: 'u-1', groups: ['dev', 'system:authenticated'], extra: { scopes: ['a'] } } };
const request = newCertificateRequest('/CN=alice/O=dev');
const csr = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name },
  spec: { request, signerName: 'example.com/signer', usages: ['client auth'], ...spec },
});
const condition = (type: string) => ({ type, status: 'True', reason: 'Test', message: `${type} by test` });

describe('certificates.k8s.io/v1 CertificateSigningRequest', () => {
  let group: TestGroup;
  let csrs: Store;
  let status: StatusREST;
  let approval: StatusREST;
  beforeEach(async () => {
    group = await newTestGroup(certificatesRESTStorageProvider);
    csrs = group.storage.v1.certificatesigningrequests as Store;
    status = group.storage.v1['certificatesigningrequests/status'] as StatusREST;
    approval = group.storage.v1['certificatesigningrequests/approval'] as StatusREST;
  });
  afterEach(() => group.destroy());

  it('takes username, uid, groups and extra from the requesting user, not from the body', async () => {
    const out = await csrs.create(alice, csr('c', { username: 'mallory', groups: ['system:masters'] }), undefined, {});
    expect(out.spec).to.deep.include({ username: 'alice', uid: 'u-1', groups: ['dev', 'system:authenticated'], extra: { scopes: ['a'] } });
  });

  it('verifies the request signature for EC, RSA and Ed25519 keys and refuses tampered or non-CSR PEM', () => {
    for (const key of ['ec', 'rsa', 'ed25519'] as const) {
      expect(checkCertificateRequest(Buffer.from(newCertificateRequest('/CN=k', key), 'base64').toString())).to.equal(undefined);
    }
    const pem = Buffer.from(request, 'base64').toString();
    const body = pem.split('\n').slice(1, -2).join('');
    const der = Buffer.from(body, 'base64');
    der[der.length - 3] ^= 0xff;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(checkCertificateRequest(tampered)).to.equal('x509: signature verification failure');
    expect(checkCertificateRequest('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).to.equal('PEM block type must be CERTIFICATE REQUEST');
  });

  it("validates request, usages, signerName and expirationSeconds with kube-apiserver's messages", async () => {
    const bad = csr('c', { request: Buffer.from('hello').toString('base64'), usages: ['client auth', 'flying', 'client auth'], signerName: 'signer', expirationSeconds: 60 });
    const message = await invalidMessage(csrs.create(alice, bad, undefined, {}));
    expect(message).to.match(
      /^CertificateSigningRequest.certificates.k8s.io "c" is invalid: \[spec.request: Invalid value: "aGVsbG8=": PEM block type must be CERTIFICATE REQUEST, spec.usages\[1\]: Unsupported value: "flying": supported values: "any", "cert sign", /,
    );
    expect(message).to.include(
      'spec.usages[2]: Duplicate value: "client auth", spec.signerName: Invalid value: "signer": must be a fully qualified domain and path of the form \'example.com/signer-name\', spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)]',
    );
    expect(await invalidMessage(csrs.create(alice, csr('a/b'), undefined, {}))).to.equal(
      'CertificateSigningRequest.certificates.k8s.io "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain \'/\'',
    );
    expect((await csrs.create(alice, csr('Node_1:Client'), undefined, {})).metadata?.name).to.equal('Node_1:Client');
    expect(await invalidMessage(csrs.create(alice, csr('c', { signerName: 'kubernetes.io/legacy-unknown' }), undefined, {}))).to.equal(
      'CertificateSigningRequest.certificates.k8s.io "c" is invalid: spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version',
    );
  });

  it('approves through /approval only, never both Approved and Denied, and never removes a decision', async () => {
    await csrs.create(alice, csr('c'), undefined, {});
    // The main resource ignores status (and spec) changes: only metadata moves there.
    await csrs.update(
      alice,
      'c',
      modify((o) => (o.status = { conditions: [condition('Approved')] })),
      undefined,
      undefined,
      false,
      {},
    );
    const viaMain = await csrs.get(alice, 'c', {});
    expect(viaMain.status).to.deep.equal({});
    expect(
      await invalidMessage(
        status.update(
          alice,
          'c',
          modify((o) => (o.status = { conditions: [condition('Approved')] })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('CertificateSigningRequest.certificates.k8s.io "c" is invalid: status.conditions: Forbidden: updates may not add a condition of type "Approved"');
    const { obj } = await approval.update(
      alice,
      'c',
      modify((o) => (o.status = { conditions: [condition('Approved')] })),
      undefined,
      undefined,
      false,
      {},
    );
    const [approved] = (obj.status as { conditions: { lastUpdateTime?: string; lastTransitionTime?: string }[] }).conditions;
    expect(approved).to.include({ type: 'Approved', status: 'True' });
    expect(approved.lastUpdateTime).to.be.a('string');
    expect(approved.lastTransitionTime).to.be.a('string');
    expect(
      await invalidMessage(
        approval.update(
          alice,
          'c',
          modify((o) => (o.status as { conditions: unknown[] }).conditions.push(condition('Denied'))),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal(
      'CertificateSigningRequest.certificates.k8s.io "c" is invalid: status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
    );
    expect(
      await invalidMessage(
        approval.update(
          alice,
          'c',
          modify((o) => (o.status = { conditions: [] })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('CertificateSigningRequest.certificates.k8s.io "c" is invalid: status.conditions: Forbidden: updates may not remove a condition of type "Approved"');
  });

  it('sets the certificate through /status once, and prints NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION', async () => {
    await csrs.create(alice, csr('c', { expirationSeconds: 3600 }), undefined, {});
    await approval.update(
      alice,
      'c',
      modify((o) => (o.status = { conditions: [condition('Approved')] })),
      undefined,
      undefined,
      false,
      {},
    );
    const notACert = Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n').toString('base64');
    expect(
      await invalidMessage(
        status.update(
          alice,
          'c',
          modify((o) => ((o.status as { certificate?: string }).certificate = notACert)),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('CertificateSigningRequest.certificates.k8s.io "c" is invalid: status.certificate: Invalid value: "<certificate data>": x509: malformed certificate');
    const table = (await csrs.convertToTable(alice, await csrs.get(alice, 'c', {}), {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
    expect([table.rows[0].cells[0], ...table.rows[0].cells.slice(2)]).to.deep.equal(['c', 'example.com/signer', 'alice', '60m', 'Approved']);
  });
});
