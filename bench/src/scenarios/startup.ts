import { get as httpGet } from 'node:http';
import { performance } from 'node:perf_hooks';
import { wants } from '../config';
import { terminate } from '../processes/child-registry';
import { spawnKapi } from '../processes/kapi-server';
import { median } from '../stats';
import type { BenchContext } from './context';

function readyzOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpGet(`${url}/readyz`, { timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Process start → first /readyz 200, on the embedded backend with a fresh data dir each time. */
async function oneStartup(ctx: BenchContext): Promise<number> {
  const { child, url, spawnedAt, cleanup } = await spawnKapi({ backend: 'embedded', label: 'startup', cpuProfDir: ctx.cfg.cpuProfDir });
  child.stdout?.resume();
  child.stderr?.resume();
  try {
    const deadline = spawnedAt + 30_000;
    for (;;) {
      if (await readyzOk(url)) return performance.now() - spawnedAt;
      if (child.exitCode !== null) throw new Error(`kapi exited with ${child.exitCode} before /readyz answered 200`);
      if (performance.now() > deadline) throw new Error('kapi: /readyz not 200 within 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await terminate(child);
    cleanup();
  }
}

export async function measureStartup(ctx: BenchContext): Promise<void> {
  if (!wants(ctx.cfg, 'startupMs')) return;
  await oneStartup(ctx); // warm-up: file cache and the first lmdb open
  const runs: number[] = [];
  for (let i = 0; i < ctx.cfg.startupRuns; i++) runs.push(await oneStartup(ctx));
  ctx.figures.startupMs = median(runs);
  ctx.details.startupRunsMs = runs.map((r) => Math.round(r));
  ctx.log(`startup (embedded): ${runs.map((r) => r.toFixed(0)).join(', ')} ms → median ${ctx.figures.startupMs.toFixed(0)} ms`);
}
