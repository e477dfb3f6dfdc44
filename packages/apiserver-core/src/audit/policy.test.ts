import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthorizationAttributes } from '../authorization/authorizer';
import { newPolicyRuleEvaluator } from './checker';
import { loadPolicyFromBytes, loadPolicyFromFile } from './policy';
import type { Policy } from './types';

const alice = { name: 'alice', groups: ['dev', 'system:authenticated'] };
const bob = { name: 'bob', groups: ['ops', 'system:authenticated'] };

function resource(verb: string, res: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user: alice, verb, resourceRequest: true, apiGroup: '', apiVersion: 'v1', namespace: 'default', resource: res, ...extra };
}

function nonResource(verb: string, p: string, user = alice): AuthorizationAttributes {
  return { user, verb, resourceRequest: false, path: p };
}

describe('audit policy', () => {
  describe('rule matching (first match wins, no match is None)', () => {
    const policy: Policy = {
      apiVersion: 'audit.k8s.io/v1',
      kind: 'Policy',
      omitStages: ['RequestReceived'],
      rules: [
        { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'] },
        { level: 'None', nonResourceURLs: ['/healthz*', '/version'] },
        { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps/status'] }] },
        { level: 'Request', resources: [{ group: '', resources: ['pods/*'] }] },
        { level: 'RequestResponse', resources: [{ group: 'apps', resources: ['*/scale'] }], omitStages: ['ResponseStarted'] },
        { level: 'Request', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['controller-leader'] }], omitManagedFields: true },
        { level: 'Metadata', namespaces: [''] },
        { level: 'Request', userGroups: ['ops'], namespaces: ['kube-system'] },
        { level: 'RequestResponse', resources: [{ group: 'rbac.authorization.k8s.io' }] },
        { level: 'Metadata', verbs: ['get'], nonResourceURLs: ['/apis/*'] },
      ],
    };
    const evaluator = newPolicyRuleEvaluator(policy);
    const table: [string, AuthorizationAttributes, string][] = [
      ['a user and verb rule', { ...resource('watch', 'endpoints'), user: { name: 'system:kube-proxy', groups: [] } }, 'None'],
      ['the same user with another verb falls through', { ...resource('get', 'endpoints'), user: { name: 'system:kube-proxy', groups: [] } }, 'None'],
      ['a trailing * matches a non-resource prefix', nonResource('get', '/healthz/etcd'), 'None'],
      ['a non-resource exact path', nonResource('get', '/version'), 'None'],
      ['a non-resource rule never matches a resource request', resource('get', 'version'), 'None'],
      ['a resource in its group', resource('get', 'secrets'), 'Metadata'],
      ['a resource/subresource pair', resource('update', 'configmaps', { subresource: 'status' }), 'Metadata'],
      ['resource/* covers every subresource', resource('create', 'pods', { subresource: 'eviction' }), 'Request'],
      ["resource/* covers the resource itself too, as kube's checker does", resource('get', 'pods'), 'Request'],
      ['resource/* needs that resource', resource('get', 'podtemplates'), 'None'],
      ['*/subresource in a named group', resource('update', 'deployments', { apiGroup: 'apps', subresource: 'scale' }), 'RequestResponse'],
      ['*/subresource needs the group', resource('update', 'deployments', { apiGroup: 'extensions', subresource: 'scale' }), 'None'],
      ['resourceNames match the name', resource('update', 'configmaps', { name: 'controller-leader' }), 'Request'],
      ['resourceNames refuse other names', resource('update', 'configmaps', { name: 'other' }), 'None'],
      ['"" is the cluster-scoped namespace', resource('list', 'nodes', { namespace: '' }), 'Metadata'],
      ['userGroups with a namespace', { ...resource('list', 'services', { namespace: 'kube-system' }), user: bob }, 'Request'],
      ['userGroups refuse others', resource('list', 'services', { namespace: 'kube-system' }), 'None'],
      ['a group with no resources matches all of them', resource('create', 'roles', { apiGroup: 'rbac.authorization.k8s.io' }), 'RequestResponse'],
      ['verbs and non-resource URLs together', nonResource('get', '/apis/apps'), 'Metadata'],
      ['verbs refuse another verb', nonResource('post', '/apis/apps'), 'None'],
      ['an unauthenticated user matches no user rule', { ...resource('watch', 'endpoints'), user: { name: '', groups: [] } }, 'None'],
    ];
    for (const [name, attrs, level] of table) {
      it(`${name} → ${level}`, () => {
        expect(evaluator.evaluatePolicyRule(attrs).level).to.equal(level);
      });
    }

    it("unions the policy-wide omitStages with the rule's, and keeps them on no match", () => {
      expect(evaluator.evaluatePolicyRule(resource('update', 'deployments', { apiGroup: 'apps', subresource: 'scale' })).omitStages).to.have.members([
        'RequestReceived',
        'ResponseStarted',
      ]);
      expect(evaluator.evaluatePolicyRule(resource('get', 'podtemplates')).omitStages).to.deep.equal(['RequestReceived']);
    });

    it('takes omitManagedFields from the rule, else from the policy', () => {
      expect(evaluator.evaluatePolicyRule(resource('update', 'configmaps', { name: 'controller-leader' })).omitManagedFields).to.equal(true);
      expect(evaluator.evaluatePolicyRule(resource('get', 'secrets')).omitManagedFields).to.equal(false);
      const p2 = newPolicyRuleEvaluator({ ...policy, omitManagedFields: true });
      expect(p2.evaluatePolicyRule(resource('get', 'secrets')).omitManagedFields).to.equal(true);
    });
  });

  describe('loading', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(path.join(tmpdir(), 'audit-policy-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reads YAML and JSON', () => {
      const y = path.join(dir, 'p.yaml');
      writeFileSync(y, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  omitStages: [RequestReceived]\n');
      expect(loadPolicyFromFile(y).rules).to.deep.equal([{ level: 'Metadata', omitStages: ['RequestReceived'] }]);
      const j = path.join(dir, 'p.json');
      writeFileSync(j, JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'None' }] }));
      expect(loadPolicyFromFile(j).rules[0].level).to.equal('None');
    });

    it('names the file it could not read', () => {
      expect(() => loadPolicyFromFile(path.join(dir, 'missing.yaml'))).to.throw(/^failed to read file path ".*missing.yaml"/);
    });

    const invalid: [string, string, string][] = [
      ['no rules', 'rules: []', 'loaded illegal policy with 0 rules'],
      ['a missing level', 'rules:\n- verbs: [get]', 'rules[0].level: Required value'],
      ['an unknown level', 'rules:\n- level: Everything', 'rules[0].level: Unsupported value: "Everything": supported values: "None", "Metadata", "Request", "RequestResponse"'],
      [
        'an unknown stage',
        'rules:\n- level: None\n  omitStages: [Done]',
        'rules[0].omitStages[0]: Invalid value: "Done": allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic',
      ],
      [
        'a URL without a slash',
        'rules:\n- level: None\n  nonResourceURLs: [healthz]',
        `rules[0].nonResourceURLs[0]: Invalid value: "healthz": non-resource URL rules must begin with a '/' character`,
      ],
      [
        'a wildcard in the middle',
        'rules:\n- level: None\n  nonResourceURLs: ["/a*/b"]',
        `rules[0].nonResourceURLs[0]: Invalid value: "/a*/b": non-resource URL wildcards '*' must be the final character of the rule`,
      ],
      [
        'resources and URLs together',
        'rules:\n- level: None\n  nonResourceURLs: ["/a"]\n  namespaces: [x]',
        'rules[0].nonResourceURLs: Invalid value: ["/a"]: rules cannot apply to both regular resources and non-resource URLs',
      ],
      [
        'resourceNames without resources',
        'rules:\n- level: None\n  resources: [{group: "", resourceNames: [a]}]',
        'rules[0].resources.resourceNames: Invalid value: ["a"]: using resourceNames requires at least one resource',
      ],
      ['a group with a version', 'rules:\n- level: None\n  resources: [{group: "apps/v1"}]', 'rules[0].resources.group: Invalid value: "apps/v1"'],
    ];
    for (const [name, body, message] of invalid) {
      it(`refuses ${name}`, () => {
        expect(() => loadPolicyFromBytes(`apiVersion: audit.k8s.io/v1\nkind: Policy\n${body}\n`)).to.throw(message);
      });
    }

    it('refuses other kinds and versions, and aggregates several errors', () => {
      expect(() => loadPolicyFromBytes('apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules: [{level: None}]')).to.throw(
        'failed decoding: no kind "Policy" is registered for version "audit.k8s.io/v1beta1"',
      );
      expect(() => loadPolicyFromBytes('rules: [{level: None}]')).to.throw("failed decoding: Object 'Kind' is missing");
      expect(() => loadPolicyFromBytes('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{}, {level: X}]')).to.throw(
        /^\[rules\[0\]\.level: Required value, rules\[1\]\.level: Unsupported value/,
      );
    });
  });
});
