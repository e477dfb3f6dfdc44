import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newTokenFileAuthenticator, parseTokenFile } from './token-file';

describe('static token file (--token-auth-file)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kapi-tokens-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads token,user,uid,"groups" lines; extra columns are ignored; groups are optional', async () => {
    const path = join(dir, 'tokens.csv');
    writeFileSync(path, 'admintoken,admin,uid-1,"system:masters,devs",ignored\r\nplaintoken,bob,uid-2\n\n');
    const auth = newTokenFileAuthenticator(path);
    expect((await auth.authenticateToken('admintoken'))?.user).to.deep.equal({ name: 'admin', uid: 'uid-1', groups: ['system:masters', 'devs'] });
    expect((await auth.authenticateToken('plaintoken'))?.user).to.deep.equal({ name: 'bob', uid: 'uid-2', groups: [] });
    expect(await auth.authenticateToken('unknown')).to.equal(null);
  });

  it('refuses a line with fewer than 3 columns, naming the file as kube does', () => {
    expect(() => parseTokenFile('/etc/tokens.csv', 'tok,user,uid\ntok2,user2\n')).to.throw(
      "token file '/etc/tokens.csv' must have at least 3 columns (token, user name, user uid), found 2",
    );
  });

  it("reports CSV syntax errors with encoding/csv's text", () => {
    expect(() => parseTokenFile('f', 'to"k,user,uid\n')).to.throw('parse error on line 1, column 3: bare " in non-quoted-field');
    expect(() => parseTokenFile('f', 'tok,user,"uid\n')).to.throw('extraneous or missing " in quoted-field');
  });

  it('warns about empty and duplicate tokens and keeps the last duplicate', () => {
    const warnings: string[] = [];
    const tokens = parseTokenFile('f', ',nobody,0\nt,a,1\nt,b,2\n', (w) => warnings.push(w));
    expect(warnings).to.deep.equal(["empty token has been found in token file 'f', record number '1'", "duplicate token has been found in token file 'f', record number '3'"]);
    expect(tokens.get('t')?.name).to.equal('b');
  });

  it('fails on a missing file with Go\'s "open" error', () => {
    expect(() => newTokenFileAuthenticator(join(dir, 'missing.csv'))).to.throw(`open ${join(dir, 'missing.csv')}: no such file or directory`);
  });
});
