import { expect } from 'chai';
import type { KubectlResult } from '../../support/kubectl';

/** Output split into lines, without the final newline (empty output → no lines). */
export function lines(out: string): string[] {
  const trimmed = out.replace(/\n$/, '');
  return trimmed === '' ? [] : trimmed.split('\n');
}

/**
 * kubectl's result compared as one object (exit code, stdout lines, stderr lines) so a failure
 * prints a diff of everything the user would have seen. Streams left out of `expected` are not compared.
 */
export function expectKubectl(actual: KubectlResult, expected: { code?: number; stdout?: string[]; stderr?: string[] }, what?: string): void {
  const got: { code?: number | null; stdout?: string[]; stderr?: string[] } = {};
  if (expected.code !== undefined) got.code = actual.code;
  if (expected.stdout !== undefined) got.stdout = lines(actual.stdout);
  if (expected.stderr !== undefined) got.stderr = lines(actual.stderr);
  expect(got, what ?? `stdout:\n${actual.stdout}\nstderr:\n${actual.stderr}`).to.deep.equal(expected);
}

/** A duration column as kubectl prints it (5s, 3m2s, 4h, 12d, 2y…), which tests cannot pin. */
const durationCell = /^(\d+[smhdy])+$/;
const durationColumns = new Set(['AGE', 'DURATION', 'LAST SEEN']);

/**
 * A kubectl table cut into cells at the header's column starts (kubectl pads with tabwriter, so a
 * cell starts where its header starts); duration cells become `<age>`. Empty cells stay ''.
 */
export function parseTable(out: string): string[][] {
  const rows = lines(out);
  if (rows.length === 0) return [];
  const header = rows[0];
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index);
  const names = starts.map((s, i) => header.slice(s, starts[i + 1] ?? header.length).trim());
  return rows.map((row, r) =>
    starts.map((s, i) => {
      const cell = row.slice(s, i + 1 < starts.length ? starts[i + 1] : row.length).trim();
      return r > 0 && durationColumns.has(names[i]) && durationCell.test(cell) ? '<age>' : cell;
    }),
  );
}

/** Compares a kubectl table (header first) cell by cell, durations as `<age>`; the diff shows one row per line. */
export function expectTable(out: string, expected: string[][], what?: string): void {
  const row = (cells: string[]) => cells.join(' | ');
  expect(parseTable(out).map(row), what ?? out).to.deep.equal(expected.map(row));
}
