import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { mutantNames } from './mutants';

interface MochaJSONTest {
  fullTitle: string;
}
interface MochaJSONReport {
  stats: { tests: number; failures: number };
  passes: MochaJSONTest[];
  failures: MochaJSONTest[];
}

const repoRoot = path.resolve(__dirname, '../../../../..');

/** Runs the conformance suite against the control backend and every mutant, in a child mocha. */
function runSuite(): Promise<MochaJSONReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kapi-mutants-'));
  const out = path.join(dir, 'report.json');
  const mocha = require.resolve('mocha/bin/mocha.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        mocha,
        '--config',
        path.join(repoRoot, '.mocharc.unit.js'),
        '--reporter',
        'json',
        '--reporter-option',
        `output=${out}`,
        path.join(__dirname, 'conformance-mutants.fixture.ts'),
      ],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        try {
          resolve(JSON.parse(readFileSync(out, 'utf8')) as MochaJSONReport);
        } catch {
          reject(new Error(`the mutant suite produced no report (${err?.message ?? ''}):\n${stderr}`));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  });
}

/** Issue 20, bug 3: a conformance suite that lets a wrong backend pass is itself failing. */
describe('storage conformance suite against mutant backends', function () {
  this.timeout(120_000);
  let report: MochaJSONReport;
  before(async () => {
    report = await runSuite();
  });

  const failed = (suite: string) => report.failures.filter((t) => t.fullTitle.startsWith(`storage conformance: ${suite} `)).map((t) => t.fullTitle);

  it('passes on the unmutated memory backend (the control)', () => {
    expect(report.passes.some((t) => t.fullTitle.startsWith('storage conformance: control: memory '))).to.equal(true);
    expect(failed('control: memory')).to.deep.equal([]);
  });

  const killers: Record<(typeof mutantNames)[number], RegExp> = {
    'ttl-ignored': /TTL/,
    'delete-rv-precondition-ignored': /resourceVersion precondition/,
    'list-rv-newest-item': /store's revision/,
    'exact-read-after-compaction': /compacted/,
  };
  for (const name of mutantNames) {
    it(`fails on the mutant "${name}", in the check written for it`, () => {
      const titles = failed(`mutant: ${name}`);
      expect(titles, `the suite let the mutant "${name}" pass`).to.not.deep.equal([]);
      expect(
        titles.some((t) => killers[name].test(t)),
        titles.join('\n'),
      ).to.equal(true);
    });
  }
});
