/**
 * kube-apiserver's answer to a write when etcd is out of space (NOSPACE alarm): a 500 with etcd's
 * message and no reason — taken from the real kube-apiserver v1.32.4 on an etcd with a 12 MiB quota.
 */
export const etcdNoSpaceStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'etcdserver: mvcc: database space exceeded', code: 500 };
