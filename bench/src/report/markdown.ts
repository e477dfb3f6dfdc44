import { figureDescriptions, figureKeys, ratioKeys, ratios, type Figures } from '../figures';
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

type PerRequest = { cpuMsPerRequest: Record<string, number>; cpuPct: Record<string, number>; clientCpuPct: number };

const serverMs = (details: Record<string, unknown>, key: string) => (details[key] as PerRequest | undefined)?.cpuMsPerRequest.server ?? NaN;

/**
 * What authentication and authorization cost: the ratios of the secure-port figures, and the same
 * comparison in server CPU per request, which other load on the machine hardly moves.
 */
function securityCost(f: Figures, details: Record<string, unknown>): string[] {
  const plain = serverMs(details, 'plainCachedGetsPerSec');
  const tls = serverMs(details, 'alwaysAllowTLSCachedGetsPerSec');
  const rbac = serverMs(details, 'rbacCachedGetsPerSec');
  if (![plain, tls, rbac].some(Number.isFinite) && !ratioKeys.some((k) => Number.isFinite(ratios[k].value(f)))) return [];
  const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : 'n/a');
  const delta = (a: number, b: number) => (Number.isFinite(a - b) ? `${a - b >= 0 ? '+' : ''}${((a - b) * 1000).toFixed(0)} µs` : 'n/a');
  return [
    '## Cost of authentication and authorization',
    '',
    'Cached GETs of one ConfigMap, interleaved with the other figures: over HTTPS with the client certificate of a user',
    'outside system:masters (so the privileged-group authorizer does not short-circuit), on a server with',
    '`--authorization-mode AlwaysAllow` and on one with the default `Node,RBAC` (a RoleBinding to `view`), and over plain',
    'HTTP on the AlwaysAllow server\'s insecure port (system:unsecured in system:masters: no TLS, no authentication).',
    '',
    '| ratio | this run | what |',
    '|---|---:|---|',
    ...ratioKeys.map((k) => `| \`${k}\` | ${num(ratios[k].value(f))}× | ${ratios[k].description} |`),
    '',
    '| path | server CPU per request | added |',
    '|---|---:|---:|',
    `| plain HTTP, insecure port | ${ms(plain)} | |`,
    `| HTTPS, x509 user, AlwaysAllow | ${ms(tls)} | ${delta(tls, plain)} (TLS + x509) |`,
    `| HTTPS, x509 user, Node,RBAC | ${ms(rbac)} | ${delta(rbac, tls)} (RBAC) |`,
    '',
  ];
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
    ...securityCost(f, details),
    '## Figures',
    '',
    '| key | value | what |',
    '|---|---:|---|',
    ...figureKeys.map((k) => `| \`${k}\` | ${num(f[k])} | ${figureDescriptions[k]} |`),
    '',
  ];
  const perRequest = Object.entries(details).filter(([, d]) => typeof d === 'object' && d !== null && 'cpuMsPerRequest' in d) as [string, PerRequest][];
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
