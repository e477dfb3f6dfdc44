import { figureDescriptions, figureKeys, type Figures } from '../figures';
import { boundText, type TargetOutcome } from './targets';

export interface RunInfo {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSec: number;
  machine: string;
  node: string;
  etcd: string;
  gitCommit: string;
}

function num(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/** The run's report: machine, figures, each target's ratio and verdict, notes, and the chart. */
export function renderMarkdown(info: RunInfo, f: Figures, outcomes: TargetOutcome[], notes: string[], chartFile: string, details: Record<string, unknown>): string {
  const lines = [
    `# kapi benchmarks — ${info.mode} run, ${info.startedAt}`,
    '',
    `- machine: ${info.machine}`,
    `- node ${info.node}, ${info.etcd}, kapi at ${info.gitCommit}`,
    `- concurrency 64, ~1 KB ConfigMap, warm-up before each figure; run took ${info.durationSec.toFixed(0)} s`,
    '- load generators run in their own processes; server, etcd and load generator share the machine\'s cores;',
    '  throughput figures are the best of interleaved rounds — compare ratios, not absolute figures',
    '',
    `![chart](${chartFile})`,
    '',
    '## Targets',
    '',
    '| target | this run | bound | verdict |',
    '|---|---:|---:|---|',
    ...outcomes.map((o) => `| ${o.target.label} | ${num(o.value)}${o.target.unit === 'ms' ? ' ms' : '×'} | ${boundText(o.target)} | ${o.met === undefined ? 'not measured' : o.met ? 'met' : '**missed**'} |`),
    '',
    '## Figures',
    '',
    '| key | value | what |',
    '|---|---:|---|',
    ...figureKeys.map((k) => `| \`${k}\` | ${num(f[k])} | ${figureDescriptions[k]} |`),
    '',
  ];
  const perRequest = Object.entries(details).filter(([, d]) => typeof d === 'object' && d !== null && 'cpuMsPerRequest' in d) as [string, { cpuMsPerRequest: Record<string, number>; cpuPct: Record<string, number>; clientCpuPct: number }][];
  if (perRequest.length > 0) {
    lines.push(
      '## CPU per request',
      '',
      'CPU milliseconds each process spent per request over the figure (warm-up included), and the share of a core it got.',
      'On a busy machine these compare paths better than requests per second do.',
      '',
      '| figure | server ms/req | etcd ms/req | server % core | etcd % core | load process % core |',
      '|---|---:|---:|---:|---:|---:|',
      ...perRequest.map(([k, d]) => `| ${k} | ${d.cpuMsPerRequest.server ?? '–'} | ${d.cpuMsPerRequest.etcd ?? '–'} | ${d.cpuPct.server ?? '–'} | ${d.cpuPct.etcd ?? '–'} | ${d.clientCpuPct} |`),
      '',
    );
  }
  if (notes.length > 0) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  lines.push('## Details', '', '```json', JSON.stringify(details, null, 2), '```', '');
  return lines.join('\n');
}
