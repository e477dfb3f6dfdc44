/**
 * Top self-time functions and files of a V8 .cpuprofile (as `npm run bench -- --cpu-prof` writes
 * for each kapi server), so a missed target points at code without opening DevTools.
 *
 *   node --require tsx/cjs bench/src/report/profile-summary.ts <file.cpuprofile> [top=25] [--skip-startup]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a file into what owns it: a kapi package, an npm package, node's http2/http/streams, or V8. */
function packageOf(file: string): string {
  const npm = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (npm) return npm[1];
  const kapi = /^packages\/([^/]+)\/dist\/([^/]+)/.exec(file);
  if (kapi) return `@kapi/${kapi[1]} ${kapi[2].replace(/\.js$/, '')}`;
  if (file.startsWith('node:internal/http2')) return 'node http2 (gRPC transport)';
  if (/^node:(_http|internal\/http|net|internal\/stream_base)/.test(file)) return 'node http/net';
  if (/^node:internal\/streams/.test(file)) return 'node streams';
  if (file.startsWith('node:')) return 'node (other)';
  return file;
}

/**
 * With `skipStartup`, samples taken while the main module was still loading (start-up: requires,
 * container wiring) are left out, so a request path's profile is not drowned by module loading.
 */
export function summarize(profile: CpuProfile, top: number, skipStartup = false): string {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const frames = new Map(profile.nodes.map((n) => [n.id, n]));
  const inStartup = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      if (frames.get(at)!.callFrame.url === 'node:internal/main/run_main_module') return true;
    }
    return false;
  };
  const keep = profile.samples.map((id) => !skipStartup || !inStartup(id));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => keep[i] && selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const shortUrl = (url: string) =>
    url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/(node_modules\/)/, '$1')
      .replace(/^.*\/packages\//, 'packages/');
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? shortUrl(url) : `(${functionName || 'native'})`;
    const fn = `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const pkg = packageOf(file);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = parentOf;
  const nodeById = frames;
  const keyOf = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
  };
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!keep[i]) return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = nodeById.get(at)!;
      if (!n.callFrame.url) continue; // (root), (program), natives: not where to look
      const k = keyOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const table = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  return `total sampled: ${(total / 1000).toFixed(0)} ms\n\nself time by function:\n${table(byFn)}\n\nself time by package:\n${table(byPackage)}\n\nself time by file:\n${table(byFile)}\n\ninclusive time (kapi code and dependencies):\n${table(inclusive)}\n`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const skipStartup = args.includes('--skip-startup');
  const [file, top] = args.filter((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top) || 25, skipStartup));
}
