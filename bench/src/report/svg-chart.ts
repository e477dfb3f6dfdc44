/**
 * The report's chart, drawn as plain SVG (no chart library): throughputs side by side, and each
 * target's score (1.0 = exactly on target) with the line it has to cross.
 */
import type { Figures } from '../figures';
import type { TargetOutcome } from './targets';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Bar {
  label: string;
  value: number;
  text: string;
  color: string;
}

function panel(title: string, bars: Bar[], top: number, max: number, refLine?: { at: number; label: string }): string {
  const left = 330;
  const width = 420;
  const rowH = 24;
  const parts = [`<text x="10" y="${top + 16}" font-weight="bold">${esc(title)}</text>`];
  bars.forEach((b, i) => {
    const y = top + 28 + i * rowH;
    const w = Number.isFinite(b.value) && max > 0 ? Math.max(1, Math.min(width, (b.value / max) * width)) : 0;
    parts.push(`<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${b.color}"/>`);
    parts.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + 14}">${esc(b.text)}</text>`);
  });
  if (refLine) {
    const x = left + (refLine.at / max) * width;
    const y1 = top + 26;
    const y2 = top + 28 + bars.length * rowH;
    parts.push(`<line x1="${x.toFixed(1)}" y1="${y1}" x2="${x.toFixed(1)}" y2="${y2}" stroke="#333" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${y2 + 14}" text-anchor="middle" font-size="11">${esc(refLine.label)}</text>`);
  }
  return parts.join('\n');
}

export function renderChart(f: Figures, outcomes: TargetOutcome[], subtitle: string): string {
  const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
  const throughput: Bar[] = [
    { label: 'etcd raw creates/s', value: f.etcdRawCreatesPerSec, color: '#7f8c8d' },
    { label: 'kapi etcd creates/s', value: f.kapiEtcdCreatesPerSec, color: '#2e86de' },
    { label: 'kapi embedded creates/s', value: f.kapiEmbeddedCreatesPerSec, color: '#2e86de' },
    { label: 'kapi memory creates/s', value: f.kapiMemoryCreatesPerSec, color: '#2e86de' },
    { label: 'etcd raw gets/s', value: f.etcdRawGetsPerSec, color: '#7f8c8d' },
    { label: 'bare koa gets/s', value: f.bareKoaGetsPerSec, color: '#7f8c8d' },
    { label: 'kapi cached gets/s', value: f.kapiCachedGetsPerSec, color: '#10ac84' },
    { label: 'kapi uncached gets/s', value: f.kapiUncachedGetsPerSec, color: '#10ac84' },
    { label: 'kapi plain gets/s (AlwaysAllow server)', value: f.plainCachedGetsPerSec, color: '#8e44ad' },
    { label: 'kapi HTTPS gets/s, AlwaysAllow', value: f.alwaysAllowTLSCachedGetsPerSec, color: '#8e44ad' },
    { label: 'kapi HTTPS gets/s, Node,RBAC', value: f.rbacCachedGetsPerSec, color: '#8e44ad' },
  ].map((b) => ({ ...b, text: fmt(b.value) }));
  const maxThroughput = Math.max(1, ...throughput.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const scores: Bar[] = outcomes.map((o) => ({
    label: o.target.label,
    value: Math.min(o.score, 3),
    text: Number.isFinite(o.score) ? `${o.score.toFixed(2)} ${o.met ? '(met)' : '(missed)'}` : 'n/a',
    color: o.met ? '#10ac84' : '#ee5253',
  }));
  const top2 = 40 + 28 + throughput.length * 24 + 30;
  const height = top2 + 28 + scores.length * 24 + 40;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">kapi benchmarks</text>`,
    `<text x="160" y="20" fill="#555">${esc(subtitle)}</text>`,
    panel('Throughput, 64 concurrent requests (grey: baselines; purple: authentication and authorization)', throughput, 30, maxThroughput),
    panel('Targets: score = how far along (≥ 1 met; capped at 3)', scores, top2, 3, { at: 1, label: 'target' }),
    '</svg>',
  ].join('\n');
}
