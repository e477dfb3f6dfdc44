/**
 * `npm run bench [-- --quick] [-- --only key,key] [-- --cpu-prof]`: kapi against raw etcd and a bare
 * koa endpoint, in one run. Builds the CLI if needed, starts its own etcd and kapi servers (one at a
 * time), drives them from separate load processes, writes a Markdown report and an SVG chart to
 * bench/results/, and prints the figures as one JSON object on its last line.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBenchArgs } from './config';
import { emptyFigures, figureKeys, ratioKeys, ratios } from './figures';
import { killAll } from './processes/child-registry';
import { findPid } from './processes/process-cpu';
import { ensureBuilt, ensureEtcd, etcdVersion } from './processes/build';
import { repoRoot } from './processes/kapi-server';
import { locateKubeApiserver } from './processes/kube-apiserver';
import { renderMarkdown } from './report/markdown';
import { renderChart } from './report/svg-chart';
import { evaluate } from './report/targets';
import type { BenchContext } from './scenarios/context';
import { measureList, measureWatch } from './scenarios/kapi-etcd';
import { cpuFigures, measureKubeList, measureKubeMemory, measureKubeWatch, startKubeServers } from './scenarios/kube-servers';
import { measureMemory } from './scenarios/memory';
import { startSecureServers } from './scenarios/secure-servers';
import { startServers, stopServers, type BenchServers } from './scenarios/servers';
import { measureStartup } from './scenarios/startup';
import { throughputSubjects } from './scenarios/subjects';
import { measureThroughput } from './scenarios/throughput';
import { admissionCpuFigures, admissionSubjects, startAdmissionServers } from './scenarios/admission';
import { measureAggregation } from './scenarios/aggregation';
import { etcdCurrentCpuFigures, etcdCurrentSubjects, measureUncachedLists, startEtcdCurrentServers } from './scenarios/etcd-current';

const resultsDir = join(repoRoot, 'bench', 'results');

function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const cfg = parseBenchArgs(process.argv.slice(2), resultsDir);
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  mkdirSync(cfg.cpuProfDir ?? resultsDir, { recursive: true });
  log(`${cfg.quick ? 'quick' : 'full'} run; building and checking for etcd`);
  ensureBuilt(log);
  ensureEtcd(log);
  // Loaded after the build: the bench uses storage-etcd's built startEtcd, like any consumer.
  const { startEtcd } = require('@kapi/storage-etcd') as typeof import('@kapi/storage-etcd');
  const etcd = await startEtcd();
  const ctx: BenchContext = { cfg, etcdEndpoint: etcd.endpoint, etcdPid: findPid(etcd.dataDir), figures: emptyFigures(), details: {}, notes: [], log };
  const kube = locateKubeApiserver(cfg.quick);
  ctx.kube = kube;
  if (kube.reason) {
    ctx.notes.push(`kube-apiserver figures skipped: ${kube.reason}`);
    log(`kube-apiserver figures skipped: ${kube.reason}`);
  }
  const loadBefore = loadavg()[0];
  let failed = 0;
  const servers: BenchServers = {};
  try {
    // A scenario that fails is reported and the others still run: one broken path must not hide the rest.
    const scenarios: [string, (c: BenchContext) => Promise<void>][] = [
      // First, on a fresh etcd and with nothing else running.
      ['memory', measureMemory],
      ['kube memory', (c) => measureKubeMemory(c, servers)],
      ['servers', (c) => startServers(c, servers)],
      ['secure servers', (c) => startSecureServers(c, servers)],
      ['kube servers', (c) => startKubeServers(c, servers)],
      ['etcd 3.6 servers', (c) => startEtcdCurrentServers(c, servers)],
      ['admission servers', (c) => startAdmissionServers(c, servers)],
      ['throughput', (c) => measureThroughput(c, [...throughputSubjects(c, servers), ...etcdCurrentSubjects(c, servers), ...admissionSubjects(c, servers)])],
      [
        'cpu per request',
        async (c) => {
          cpuFigures(c);
          etcdCurrentCpuFigures(c);
          admissionCpuFigures(c);
        },
      ],
      [
        'stop throughput servers',
        () =>
          stopServers(servers, [
            'embedded',
            'memory',
            'koa',
            'alwaysAllow',
            'rbac',
            'workers2',
            'embeddedWorkers2',
            'kubeRbac',
            'etcd36Cached',
            'kubeEtcd36',
            'kapiAdmission',
            'kubeAdmission',
            'webhook',
          ]),
      ],
      ['list 5k', async (c) => servers.cached && measureList(c, servers.cached)],
      ['uncached list 5k, etcd 3.4 and 3.6', (c) => measureUncachedLists(c, servers)],
      ['stop uncached servers', () => stopServers(servers, ['uncached', 'etcd36Uncached', 'etcd36'])],
      ['aggregation', (c) => measureAggregation(c, servers)],
      ['stop aggregation servers', () => stopServers(servers, ['aggregator', 'extension'])],
      ['kube list 5k', (c) => measureKubeList(c, servers)],
      ['watch 1k', async (c) => servers.cached && measureWatch(c, servers.cached)],
      ['kube watch 1k', (c) => measureKubeWatch(c, servers)],
      ['stop servers', () => stopServers(servers)],
      ['startup', measureStartup],
    ];
    for (const [name, scenario] of scenarios) {
      const t0 = performance.now();
      try {
        await scenario(ctx);
        log(`scenario "${name}" done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        failed++;
        ctx.notes.push(`scenario "${name}" failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000));
        log(`scenario "${name}" failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  } finally {
    await stopServers(servers).catch(() => undefined);
    killAll();
    await etcd.stop();
  }

  const f = ctx.figures;
  const ratio = f.kapiCachedGetsPerSec / f.kapiUncachedGetsPerSec;
  if (Number.isFinite(ratio) && ratio < 1.3) {
    ctx.notes.push(`cached and uncached GETs differ by only ${ratio.toFixed(2)}×: --watch-cache seems to have no effect on GETs in this build`);
  }
  const load = Math.max(loadBefore, loadavg()[0]);
  ctx.details.loadAverage = { atStart: loadBefore, atEnd: loadavg()[0] };
  if (load > cpus().length * 0.75) {
    ctx.notes.push(
      `the machine was busy with other work (1-minute load average up to ${load.toFixed(1)} on ${cpus().length} cores): every process got a fraction of a core, so absolute figures are low and ratios noisy`,
    );
  }
  const outcomes = evaluate(f);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${osType()} ${release()}`;
  const info = {
    mode: cfg.quick ? 'quick' : 'full',
    startedAt,
    durationSec: (performance.now() - started) / 1000,
    machine,
    node: process.version,
    etcd: etcdVersion(),
    kube: kube.binary ? `kube-apiserver ${ctx.kube.version}` : 'no kube-apiserver',
    gitCommit: gitCommit(),
  } as const;
  const stamp = startedAt.replace(/[:]/g, '').replace(/-/g, '');
  const chartFile = `chart-${stamp}.svg`;
  const chart = renderChart(f, outcomes, `${info.mode} run ${startedAt} · ${machine}`);
  const report = renderMarkdown(info, f, outcomes, ctx.notes, chartFile, ctx.details);
  const rounded = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);
  const json = { ...Object.fromEntries(figureKeys.map((k) => [k, rounded(f[k])])), ...Object.fromEntries(ratioKeys.map((k) => [k, rounded(ratios[k].value(f))])) };
  writeFileSync(join(resultsDir, chartFile), chart);
  writeFileSync(join(resultsDir, `report-${stamp}.md`), report);
  // Stable names for the latest run, so the README can point at them.
  writeFileSync(join(resultsDir, 'chart.svg'), chart);
  writeFileSync(join(resultsDir, 'report.md'), report.replace(chartFile, 'chart.svg'));
  writeFileSync(
    join(resultsDir, 'figures.json'),
    JSON.stringify({ ...info, figures: json, targets: outcomes.map((o) => ({ id: o.target.id, value: o.value, met: o.met })), notes: ctx.notes }, null, 2),
  );
  for (const o of outcomes)
    log(
      `${o.met === undefined ? '–' : o.met ? '✓' : '✗'} ${o.target.label}: ${Number.isFinite(o.value) ? o.value.toFixed(2) : 'n/a'} (target ${o.target.kind === 'atLeast' ? '≥' : '≤'} ${o.target.bound})`,
    );
  for (const n of ctx.notes) log(`note: ${n}`);
  log(`report: ${join(resultsDir, `report-${stamp}.md`)}`);
  process.stdout.write(`${JSON.stringify(json)}\n`);
  return failed;
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    killAll();
    process.exit(1);
  },
);
