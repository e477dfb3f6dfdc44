import { wants } from '../config';
import { namespaces } from '../payload';
import { startKapi } from '../processes/kapi-server';
import { ensureNamespace, type BenchContext } from './context';
import { measureCreates } from './creates';

/** Creates through kapi on the embedded and memory backends, each server fresh and alone. */
export async function measureOtherBackends(ctx: BenchContext): Promise<void> {
  for (const [backend, key] of [
    ['embedded', 'kapiEmbeddedCreatesPerSec'],
    ['memory', 'kapiMemoryCreatesPerSec'],
  ] as const) {
    if (!wants(ctx.cfg, key)) continue;
    const server = await startKapi({ backend, label: backend, cpuProfDir: ctx.cfg.cpuProfDir });
    try {
      await ensureNamespace(server.url, namespaces.create);
      ctx.figures[key] = await measureCreates(ctx, server.url, backend, server.pid);
    } finally {
      await server.stop();
    }
  }
}
