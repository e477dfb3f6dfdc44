/**
 * How long the property tests run. CI: a fixed seed and the few runs each test names, so a run is
 * a few seconds and reproducible. `FUZZ_RUNS=N` runs every property N times, `FUZZ_SECONDS=S`
 * runs each for S seconds (as many runs as fit), both with a random seed unless `FUZZ_SEED` is set;
 * the seed is in every failure report fast-check prints.
 */
export interface PropertyRunParameters {
  seed: number;
  numRuns: number;
  interruptAfterTimeLimit?: number;
  markInterruptAsFailure?: boolean;
}

const ciSeed = 20_261_203;

export function propertyRuns(ciRuns: number): PropertyRunParameters {
  const runs = Number(process.env.FUZZ_RUNS) || undefined;
  const seconds = Number(process.env.FUZZ_SECONDS) || undefined;
  const long = runs !== undefined || seconds !== undefined;
  const seed = Number(process.env.FUZZ_SEED) || (long ? Math.floor(Math.random() * 2 ** 31) : ciSeed);
  if (seconds !== undefined) {
    return { seed, numRuns: runs ?? Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false };
  }
  return { seed, numRuns: runs ?? ciRuns };
}

/** Runs fn and returns what it threw (undefined when it returned). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err;
  }
}
