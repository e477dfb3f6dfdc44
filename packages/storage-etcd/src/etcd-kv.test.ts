/**
 * The apiserver-core storage contract against a real etcd: the same conformance suite the memory
 * and embedded backends run. One etcd for the file; each test gets its own key prefix and client.
 */
import { storage } from '@kapi/apiserver-core';
import { customResourceConformanceResource, runStorageConformance } from '@kapi/apiserver-core/testing';
import { EtcdKV } from './etcd-kv';
import { startEtcd, type EtcdProcess } from './testing/start-etcd';

let etcd: EtcdProcess;
let n = 0;

before(async function () {
  this.timeout(30000);
  etcd = await startEtcd();
});
after(async () => etcd?.stop());

const etcdFixture = async () => {
  const kv = new EtcdKV({ servers: [etcd.endpoint] });
  return {
    storage: new storage.KVStore(kv, { pathPrefix: `/conformance-${process.pid}-${++n}/registry` }),
    compact: (rev: number) => kv.compact(rev),
    teardown: () => kv.close(),
  };
};

runStorageConformance('etcd3', etcdFixture);
// Custom resources take the same path to etcd (unstructured objects under /registry/<group>/<plural>).
runStorageConformance('etcd3', etcdFixture, customResourceConformanceResource);
