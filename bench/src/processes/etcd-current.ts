/**
 * The current etcd beside Debian's 3.4: the 3.6 release `scripts/ensure-etcd-current.sh` builds from
 * go.etcd.io/etcd/server/v3 (tools/etcd-current) into the component cache. Like kube-apiserver, a
 * `--quick` run uses it only when it is already built (a cold build takes minutes); a full run builds it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './kapi-server';

function pinnedVersion(): string {
  const mod = readFileSync(join(repoRoot, 'tools', 'etcd-current', 'go.mod'), 'utf8');
  return /^require go\.etcd\.io\/etcd\/server\/v3 (\S+)$/m.exec(mod)?.[1] ?? 'unknown';
}

export function locateEtcdCurrent(quick: boolean): { binary?: string; version: string; reason?: string } {
  const version = pinnedVersion();
  const cacheRoot = process.env.KAPI_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kapi');
  const cached = join(cacheRoot, 'etcd', version, 'bin', 'etcd');
  if (quick && !existsSync(cached)) {
    return { version, reason: `etcd ${version} is not built (${cached}); run \`bash scripts/ensure-etcd-current.sh\` once (a few minutes), or a full run, which builds it` };
  }
  const res = spawnSync('bash', [join(repoRoot, 'scripts', 'ensure-etcd-current.sh')], { cwd: repoRoot, encoding: 'utf8' });
  const binary = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status !== 0 || !existsSync(binary)) return { version, reason: `scripts/ensure-etcd-current.sh failed: ${(res.stderr ?? '').trim().slice(-500)}` };
  return { binary, version };
}
