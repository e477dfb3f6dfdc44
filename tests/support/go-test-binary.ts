import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './kapi-process';

/** The Go test packages of tests/go, built by scripts/build-go-tests.sh into .tmp/go-tests. */
export function buildGoTests(...pkgs: string[]): void {
  const build = spawnSync('bash', [path.join(repoRoot, 'scripts/build-go-tests.sh'), ...pkgs], { encoding: 'utf8', timeout: 900_000 });
  if (build.status !== 0) throw new Error(`building the Go tests ${pkgs.join(' ')} failed:\n${build.stderr}`);
}

export interface GoTestRun {
  code: number | null;
  output: string;
}

/**
 * Runs one built Go test binary (-test.v) with `env`; `onLine` sees every stdout line as it comes
 * and may answer on the binary's stdin (the restart conversation of tests/go/kapitest).
 */
export function runGoTest(pkg: string, args: string[], env: Record<string, string>, onLine?: (line: string, reply: (s: string) => void) => void): Promise<GoTestRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(repoRoot, '.tmp/go-tests', `${pkg}.test`), ['-test.v', '-test.timeout', '5m', ...args], {
      cwd: path.join(repoRoot, 'tests/go', pkg),
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let pending = '';
    proc.stdout.on('data', (d) => {
      output += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, (s) => proc.stdin.write(s));
    });
    proc.stderr.on('data', (d) => (output += d));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, output }));
  });
}

/** The names of the Go tests that passed and failed, from -test.v output. */
export function goTestResults(output: string): { passed: string[]; failed: string[] } {
  const passed = [...output.matchAll(/^--- PASS: (\S+)/gm)].map((m) => m[1]);
  const failed = [...output.matchAll(/^--- FAIL: (\S+)/gm)].map((m) => m[1]);
  return { passed, failed };
}
