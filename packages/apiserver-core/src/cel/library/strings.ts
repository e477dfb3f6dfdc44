import type { CelEnvironment } from '../engine';

/**
 * The parts of cel-go's strings extension (ext.Strings, version 2 in kube 1.32) that the engine does not bring itself:
 * charAt, replace, reverse. lowerAscii, upperAscii, split, trim, join, indexOf and substring are built in.
 */
export function registerStrings(env: CelEnvironment): void {
  env.registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
    const chars = [...s];
    if (i < 0n || i > BigInt(chars.length)) throw new Error(`index out of range: ${i}`);
    return chars[Number(i)] ?? '';
  });
  env.registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => s.split(a).join(b));
  env.registerFunction('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => {
    if (n < 0n) return s.split(a).join(b);
    const parts = s.split(a);
    const k = Math.min(Number(n), parts.length - 1);
    return parts.slice(0, k + 1).join(b) + (k + 1 < parts.length ? a + parts.slice(k + 1).join(a) : '');
  });
  env.registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''));
}
