import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { protobuf } from '@kapi/apiserver-core';

/*
 * Golden tests: testdata/<name>.pb is the body the real kubectl v1.32 POSTed for commands.json's
 * <name> (captured by apiserver-core's runtime/protobuf/testing/capture-kubectl.ts), and <name>.json
 * is what the same command printed with --dry-run=client -o json — the Go object as encoding/json
 * writes it. pod-rich.pb and pod-status.pb were encoded from their JSON (printed by
 * `kubectl run --overrides=… --dry-run=client -o json`) by protobufjs from kubernetes/api's .proto
 * (encode-with-protobufjs.cjs), because kubectl run sends Pods as JSON; kubelets send them as protobuf.
 */
const testdata = path.join(__dirname, 'testdata');
const read = (name: string) => readFileSync(path.join(testdata, name));

describe('core protobuf messages decode what kubectl sends', () => {
  const names = readdirSync(testdata)
    .filter((f) => f.endsWith('.pb') && f !== 'token.pb')
    .map((f) => f.slice(0, -3));

  it('has fixtures for every typed create command of the group', () => {
    expect(names).to.include.members([
      'namespace',
      'configmap',
      'secret-generic',
      'secret-tls',
      'secret-docker-registry',
      'service-clusterip',
      'service-nodeport',
      'serviceaccount',
      'quota',
      'pod-rich',
      'pod-status',
    ]);
  });

  for (const name of names) {
    it(`${name}: decodes to the JSON kubectl prints for the same object`, () => {
      const got = protobuf.decodeProtobufObject(read(`${name}.pb`), undefined);
      expect(got).to.deep.equal(JSON.parse(read(`${name}.json`).toString('utf8')));
    });
  }

  it('configmap: keeps non-UTF-8 file content in binaryData as base64', () => {
    const cm = protobuf.decodeProtobufObject(read('configmap.pb'), undefined) as { binaryData?: Record<string, string> };
    expect(Buffer.from(cm.binaryData!['blob.bin'], 'base64')).to.deep.equal(read('blob.bin'));
  });

  it('token: kubectl create token (no --dry-run) sends a TokenRequest for serviceaccounts/token', () => {
    // `kubectl -n demo create token robot --audience=api --audience=vault --duration=10m
    //   --bound-object-kind=Pod --bound-object-name=p --bound-object-uid=123`
    expect(protobuf.decodeProtobufObject(read('token.pb'), undefined)).to.deep.equal({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { creationTimestamp: null },
      spec: {
        audiences: ['api', 'vault'],
        expirationSeconds: 600,
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p', uid: '123' },
      },
      status: { token: '', expirationTimestamp: null },
    });
  });
});
