import { expect } from 'chai';
import type { Attributes } from '../../attributes';
import { objectSelectorMatches, ruleMatches, selectorMatches } from './matching';

const attrs = (over: Partial<Attributes> & { resource?: Attributes['resource'] } = {}): Attributes => ({
  name: 'p',
  namespace: 'default',
  resource: { group: '', version: 'v1', resource: 'pods' },
  subresource: '',
  operation: 'CREATE',
  dryRun: false,
  kind: { group: '', version: 'v1', kind: 'Pod' },
  ...over,
});

const rule = { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' };

describe('webhook rule matching (rules.Matcher)', () => {
  it('matches operation, group, version and resource, with wildcards', () => {
    expect(ruleMatches(rule, attrs())).to.equal(true);
    expect(ruleMatches(rule, attrs({ operation: 'UPDATE' }))).to.equal(false);
    expect(ruleMatches({ ...rule, operations: ['*'], apiGroups: ['*'], apiVersions: ['*'] }, attrs({ operation: 'DELETE' }))).to.equal(true);
    expect(ruleMatches({ ...rule, apiGroups: ['apps'] }, attrs())).to.equal(false);
  });

  it('a resource without a subresource never matches a subresource; "x/*", "*/status" and "*/*" do', () => {
    const status = attrs({ subresource: 'status', operation: 'CREATE' });
    expect(ruleMatches(rule, status)).to.equal(false);
    expect(ruleMatches({ ...rule, resources: ['*'] }, status)).to.equal(false);
    expect(ruleMatches({ ...rule, resources: ['pods/*'] }, status)).to.equal(true);
    expect(ruleMatches({ ...rule, resources: ['*/status'] }, status)).to.equal(true);
    expect(ruleMatches({ ...rule, resources: ['*/*'] }, status)).to.equal(true);
    expect(ruleMatches({ ...rule, resources: ['pods/log'] }, status)).to.equal(false);
  });

  it('scope Cluster matches cluster-scoped requests (and namespaces), Namespaced the others', () => {
    const node = attrs({ namespace: '', resource: { group: '', version: 'v1', resource: 'nodes' } });
    const ns = attrs({ namespace: 'x', resource: { group: '', version: 'v1', resource: 'namespaces' } });
    const any = { ...rule, resources: ['*'] };
    expect(ruleMatches({ ...any, scope: 'Cluster' }, node)).to.equal(true);
    expect(ruleMatches({ ...any, scope: 'Cluster' }, attrs())).to.equal(false);
    expect(ruleMatches({ ...any, scope: 'Cluster' }, ns)).to.equal(true);
    expect(ruleMatches({ ...any, scope: 'Namespaced' }, ns)).to.equal(false);
    expect(ruleMatches({ ...any, scope: 'Namespaced' }, attrs())).to.equal(true);
  });
});

describe('webhook selectors', () => {
  it('matchLabels and matchExpressions as a label selector; an unset selector matches everything', () => {
    expect(selectorMatches(undefined, {})).to.equal(true);
    expect(selectorMatches({ matchLabels: { a: '1' } }, { a: '1', b: '2' })).to.equal(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, { env: 'prod' })).to.equal(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'Bogus' }] }, { env: 'prod' })).to.equal(false);
  });

  it('the object selector looks at the new object and the old one (a DELETE has only the old)', () => {
    const sel = { matchLabels: { keep: 'yes' } };
    expect(objectSelectorMatches(sel, attrs({ operation: 'DELETE', oldObject: { metadata: { labels: { keep: 'yes' } } } }))).to.equal(true);
    expect(objectSelectorMatches(sel, attrs({ object: { metadata: { labels: {} } } }))).to.equal(false);
  });
});
