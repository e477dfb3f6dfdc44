import type { CelEnvironment } from '../engine';
import { celEquals } from './lists';

/** The `sets` namespace value: CEL calls `sets.contains(a, b)` as a method of it. */
class SetsLibrary {}

const has = (l: unknown[], x: unknown) => l.some((y) => celEquals(x, y));

/** cel-go's sets extension (ext.Sets), part of kube's CEL environment: lists compared as sets. */
export function registerSets(env: CelEnvironment): void {
  env.registerType('SetsLibrary', SetsLibrary);
  env.registerConstant('sets', 'SetsLibrary', new SetsLibrary());
  env.registerFunction('SetsLibrary.contains(list, list): bool', (_: SetsLibrary, a: unknown[], b: unknown[]) => b.every((x) => has(a, x)));
  env.registerFunction('SetsLibrary.equivalent(list, list): bool', (_: SetsLibrary, a: unknown[], b: unknown[]) => b.every((x) => has(a, x)) && a.every((x) => has(b, x)));
  env.registerFunction('SetsLibrary.intersects(list, list): bool', (_: SetsLibrary, a: unknown[], b: unknown[]) => b.some((x) => has(a, x)));
}
