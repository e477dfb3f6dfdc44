import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './kapi-process';

/** kube-apiserver's own encryption code (k8s.io/apiserver v0.32.4 as a Go library), built once into .tmp/. */
const binary = path.join(repoRoot, '.tmp', 'kube-encryption');

const source = path.join(repoRoot, 'tests', 'kube-encryption', 'main.go');

/** Builds tests/kube-encryption with the Go toolchain unless an up-to-date build exists (minutes on a cold module cache). */
export function ensureKubeEncryption(): string {
  if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs) return binary;
  mkdirSync(path.dirname(binary), { recursive: true });
  execFileSync('go', ['build', '-o', binary, '.'], { cwd: path.join(repoRoot, 'tests', 'kube-encryption'), stdio: 'inherit' });
  return binary;
}

export interface KubeTransformArgs {
  config: string;
  group: string;
  resource: string;
  /** The full storage key, kube's authenticated data (/registry/secrets/default/name). */
  key: string;
}

/**
 * Encrypts or decrypts one value exactly as kube-apiserver would with the same config file.
 * Asynchronous, so that a KMS plugin served by the test process answers meanwhile.
 */
export function kubeTransform(args: KubeTransformArgs, mode: 'encrypt' | 'decrypt', input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const proc = spawn(ensureKubeEncryption(), [args.config, args.group, args.resource, args.key, mode]);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout.on('data', (d: Buffer) => out.push(d));
    proc.stderr.on('data', (d: Buffer) => err.push(d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`kube-encryption ${mode} failed: ${Buffer.concat(err).toString()}`));
    });
    proc.stdin.end(input);
  });
}
