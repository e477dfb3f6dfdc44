/**
 * What the bench needs before it measures: the built CLI and storage-etcd (`tsc -b`, a no-op when
 * up to date) and an etcd binary (scripts/ensure-etcd.sh installs Debian's).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './kapi-server';

export function ensureBuilt(log: (line: string) => void): void {
  // Only the packages the bench runs: a half-edited test elsewhere must not stop a benchmark.
  const res = spawnSync('npx', ['tsc', '-b', 'packages/cli', 'packages/storage-etcd'], { cwd: repoRoot, encoding: 'utf8' });
  if (res.status === 0) return;
  const built = existsSync(join(repoRoot, 'packages', 'cli', 'dist', 'bin.js')) && existsSync(join(repoRoot, 'packages', 'storage-etcd', 'dist', 'index.js'));
  if (!built) throw new Error(`build failed (npx tsc -b packages/cli):\n${res.stdout}${res.stderr}`);
  log(`warning: tsc -b failed; measuring the existing build in dist/:\n${(res.stdout + res.stderr).trim().split('\n').slice(0, 10).join('\n')}`);
}

export function ensureEtcd(log: (line: string) => void): void {
  if (process.env.ETCD_BIN) return;
  if (spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' }).status === 0) return;
  log('etcd not found: running scripts/ensure-etcd.sh');
  const res = spawnSync('bash', [join(repoRoot, 'scripts', 'ensure-etcd.sh')], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error('scripts/ensure-etcd.sh failed; install etcd or set ETCD_BIN');
}

export function etcdVersion(): string {
  const res = spawnSync(process.env.ETCD_BIN ?? 'etcd', ['--version'], { encoding: 'utf8' });
  return (res.stdout ?? '').split('\n')[0]?.trim() || 'unknown';
}
