import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { readAdmissionConfiguration } from './config';

describe('readAdmissionConfiguration (--admission-control-config-file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-admission-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it('gives each plugin its embedded configuration, or the file at path relative to the config file', () => {
    write('guard.yaml', 'forbiddenKeys: [token]\n');
    const file = write(
      'admission.yaml',
      [
        'apiVersion: apiserver.config.k8s.io/v1',
        'kind: AdmissionConfiguration',
        'plugins:',
        '- name: Embedded',
        '  configuration: {limit: 3}',
        '- name: FromPath',
        '  path: guard.yaml',
        '- name: Nothing',
        '',
      ].join('\n'),
    );
    const configs = readAdmissionConfiguration(file);
    expect(configs.get('Embedded')).to.deep.equal({ limit: 3 });
    expect(configs.get('FromPath')).to.deep.equal({ forbiddenKeys: ['token'] });
    expect(configs.has('Nothing')).to.equal(false);
  });

  it('no file means no configuration; an unreadable or foreign file stops start-up', () => {
    expect(readAdmissionConfiguration(undefined).size).to.equal(0);
    expect(() => readAdmissionConfiguration(path.join(dir, 'missing.yaml'))).to.throw(/unable to read admission control configuration from ".*missing.yaml"/);
    const other = write('policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\n');
    expect(() => readAdmissionConfiguration(other)).to.throw('not an apiserver.config.k8s.io/v1 AdmissionConfiguration');
    const noName = write('noname.yaml', 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- path: x.yaml\n');
    expect(() => readAdmissionConfiguration(noName)).to.throw('a plugin entry has no name');
  });
});
