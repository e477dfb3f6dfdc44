import { expect } from 'chai';
import type { AuthorizationAttributes } from '@kapi/apiserver-core';
import type { PolicyRule } from '../common/types';
import { compactRules, compactString } from './compact';
import { covers } from './covers';
import { ruleAllows } from './rule-matching';

const user = { name: 'alice', groups: [] };
const res = (verb: string, group: string, resource: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user,
  verb,
  resourceRequest: true,
  apiGroup: group,
  resource,
  ...extra,
});
const url = (verb: string, path: string): AuthorizationAttributes => ({ user, verb, resourceRequest: false, path });

describe('RBAC rule matching (rbac.RuleAllows)', () => {
  const cases: [string, PolicyRule, AuthorizationAttributes, boolean][] = [
    ['exact verb, group, resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', '', 'pods'), true],
    ['another verb', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('list', '', 'pods'), false],
    ['verb *', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, res('delete', '', 'pods'), true],
    ['another group', { verbs: ['get'], apiGroups: [''], resources: ['deployments'] }, res('get', 'apps', 'deployments'), false],
    ['group *', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, res('get', 'apps', 'deployments'), true],
    ['resource *', { verbs: ['get'], apiGroups: ['apps'], resources: ['*'] }, res('get', 'apps', 'deployments', { subresource: 'scale' }), true],
    ['a resource does not grant its subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', '', 'pods', { subresource: 'log' }), false],
    ['resource/subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', '', 'pods', { subresource: 'log' }), true],
    ['*/subresource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'apps', 'deployments', { subresource: 'scale' }), true],
    ['*/subresource is not the resource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'apps', 'deployments'), false],
    ['*/subresource of another subresource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', '', 'pods', { subresource: 'log' }), false],
    ['resourceNames match', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', '', 'configmaps', { name: 'a' }), true],
    ['resourceNames other name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', '', 'configmaps', { name: 'b' }), false],
    ['resourceNames never a list', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('list', '', 'configmaps'), false],
    ['URL exact', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz'), true],
    ['URL other', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz/etcd'), false],
    ['URL trailing *', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, url('get', '/apis/apps/v1'), true],
    ['URL *', { verbs: ['*'], nonResourceURLs: ['*'] }, url('post', '/anything'), true],
    ['URL rule on a resource request', { verbs: ['*'], nonResourceURLs: ['*'] }, res('get', '', 'pods'), false],
    ['resource rule on a URL', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, url('get', '/healthz'), false],
  ];
  for (const [name, rule, attrs, want] of cases) {
    it(`${name}: ${want ? 'allows' : 'does not allow'}`, () => expect(ruleAllows(attrs, rule)).to.equal(want));
  }
});

describe('RBAC covers and the escalation text', () => {
  it('covers rules broken down to one verb on one resource', () => {
    const held: PolicyRule[] = [
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['watch'], apiGroups: ['*'], resources: ['*'] },
    ];
    expect(covers(held, [{ verbs: ['get', 'watch'], apiGroups: [''], resources: ['pods'] }]).covered).to.equal(true);
    const { covered, missing } = covers(held, [{ verbs: ['get', 'delete'], apiGroups: ['', 'apps'], resources: ['pods'] }]);
    expect(covered).to.equal(false);
    expect(missing).to.deep.equal([
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['delete'] },
    ]);
  });

  it('a held */sub covers a requested res/sub, a held name list covers only those names', () => {
    expect(covers([{ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }]).covered).to.equal(
      true,
    );
    expect(
      covers([{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]).covered,
    ).to.equal(false);
    expect(covers([{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/logs/kube'] }]).covered).to.equal(true);
  });

  it('compacts the missing verbs of one resource into one line, printed as kube prints it', () => {
    const missing = covers(
      [],
      [
        { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] },
        { verbs: ['get'], nonResourceURLs: ['/metrics'] },
      ],
    ).missing;
    expect(compactRules(missing).map(compactString).sort()).to.deep.equal([
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ]);
  });
});
