import { expect } from 'chai';
import { newRuntimeConfigSource, parseRuntimeConfig } from './runtime-config';

describe('--runtime-config', () => {
  const apps = { group: 'apps', version: 'v1' };
  const core = { group: '', version: 'v1' };
  it('enables everything by default', () => {
    const s = newRuntimeConfigSource({});
    expect(s.versionEnabled(apps)).to.equal(true);
    expect(s.resourceEnabled(core, 'configmaps')).to.equal(true);
  });
  it('disables a group-version, or one resource of it', () => {
    const s = newRuntimeConfigSource(parseRuntimeConfig(['apps/v1/deployments=false', 'v1=true']));
    expect(s.versionEnabled(apps)).to.equal(true);
    expect(s.resourceEnabled(apps, 'deployments')).to.equal(false);
    expect(s.resourceEnabled(apps, 'replicasets')).to.equal(true);
    expect(newRuntimeConfigSource(parseRuntimeConfig(['apps/v1=false'])).resourceEnabled(apps, 'deployments')).to.equal(false);
  });
  it('starts from nothing with api/all=false and re-enables named versions', () => {
    const s = newRuntimeConfigSource(parseRuntimeConfig(['api/all=false,api/v1=true']));
    expect(s.versionEnabled(core)).to.equal(true);
    expect(s.versionEnabled(apps)).to.equal(false);
  });
  it('refuses values other than true/false', () => {
    expect(() => parseRuntimeConfig(['apps/v1=maybe'])).to.throw('must be true or false');
  });
});
