import { expect } from 'chai';
import { kubeAPIServerArgs } from './kube-apiserver-command';

describe('kapi kube-apiserver', () => {
  it('takes the flags envtest passes: etcd3 for --etcd-servers, data under --cert-dir, --allow-privileged dropped', () => {
    const args = kubeAPIServerArgs([
      '--advertise-address=127.0.0.1',
      '--allow-privileged=true',
      '--authorization-mode=RBAC',
      '--cert-dir=/tmp/envtest',
      '--etcd-servers=http://127.0.0.1:2379',
      '--secure-port=6443',
      '--disable-admission-plugins=ServiceAccount',
    ]);
    expect(args).to.deep.equal([
      '--storage-backend',
      'etcd3',
      '--data-dir',
      '/tmp/envtest/kapi-data',
      '--advertise-address=127.0.0.1',
      '--authorization-mode=RBAC',
      '--cert-dir=/tmp/envtest',
      '--etcd-servers=http://127.0.0.1:2379',
      '--secure-port=6443',
      '--disable-admission-plugins=ServiceAccount',
    ]);
  });

  it('keeps a backend and data dir the caller chose, and refuses --allow-privileged=false', () => {
    expect(kubeAPIServerArgs(['--etcd-servers', 'http://e:2379', '--storage-backend', 'memory', '--cert-dir', '/c', '--data-dir', '/d'])).to.deep.equal([
      '--etcd-servers',
      'http://e:2379',
      '--storage-backend',
      'memory',
      '--cert-dir',
      '/c',
      '--data-dir',
      '/d',
    ]);
    expect(kubeAPIServerArgs(['--allow-privileged'])).to.deep.equal([]);
    expect(() => kubeAPIServerArgs(['--allow-privileged=false'])).to.throw('--allow-privileged=false is not supported by kapi');
  });
});
