import path from 'node:path';

/**
 * `kapi kube-apiserver [flags]`: kapi under kube-apiserver's defaults, so tools that start a
 * kube-apiserver binary with its flags (controller-runtime's envtest through KUBEBUILDER_ASSETS)
 * can start kapi instead. The flags are `kapi server`'s, which are kube-apiserver's names; this only
 * supplies what kube-apiserver assumes and kapi does not:
 * - storage is etcd3 when --etcd-servers is given (kube has no other backend; kapi's default is embedded);
 * - kapi's files (the generated keys of a server without them) go under --cert-dir, the temporary
 *   directory envtest owns, not the working directory, unless --data-dir is given;
 * - --allow-privileged=true is accepted: kapi validates pods as kube-apiserver does with it (no
 *   kubelet here enforces the other setting, so false is refused rather than ignored).
 */
export function kubeAPIServerArgs(argv: string[]): string[] {
  const out: string[] = [];
  let certDir: string | undefined;
  let hasBackend = false;
  let hasDataDir = false;
  let hasEtcd = false;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = splitFlag(argv[i]);
    if (name === '--allow-privileged') {
      const value = inline ?? 'true';
      if (value !== 'true') throw new Error('--allow-privileged=false is not supported by kapi');
      continue;
    }
    if (name === '--cert-dir') certDir = inline ?? argv[i + 1];
    if (name === '--storage-backend') hasBackend = true;
    if (name === '--data-dir') hasDataDir = true;
    if (name === '--etcd-servers') hasEtcd = true;
    out.push(argv[i]);
  }
  const defaults: string[] = [];
  if (hasEtcd && !hasBackend) defaults.push('--storage-backend', 'etcd3');
  if (certDir && !hasDataDir) defaults.push('--data-dir', path.join(certDir, 'kapi-data'));
  return [...defaults, ...out];
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}
