import { expect } from 'chai';
import type { KObject, RequestContext, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { newFlowcontrolRESTStorageProvider } from '../rest/storage-flowcontrol';

const ctx: RequestContext = {};
const flowSchema = (name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name }, spec });
const rule = { subjects: [{ kind: 'Group', group: { name: 'dev' } }], resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], namespaces: ['*'] }] };

describe('flowcontrol.apiserver.k8s.io/v1 FlowSchema', () => {
  let group: TestGroup;
  let schemas: Store;
  beforeEach(async () => {
    group = await newTestGroup(newFlowcontrolRESTStorageProvider());
    schemas = group.storage.v1.flowschemas as Store;
  });
  afterEach(() => group.destroy());

  it('defaults matchingPrecedence to 1000 and starts at generation 1', async () => {
    const out = await schemas.create(ctx, flowSchema('dev', { priorityLevelConfiguration: { name: 'workload-low' }, rules: [rule] }), undefined, {});
    expect((out.spec as { matchingPrecedence: number }).matchingPrecedence).to.equal(1000);
    expect(out.metadata?.generation).to.equal(1);
  });

  it("validates precedence, distinguisher, subjects and rules with kube-apiserver's messages", async () => {
    const spec = {
      priorityLevelConfiguration: { name: '' },
      matchingPrecedence: 1,
      distinguisherMethod: { type: 'ByColour' },
      rules: [{ subjects: [{ kind: 'User', group: { name: 'x' } }], nonResourceRules: [{ verbs: ['*', 'get'], nonResourceURLs: ['healthz'] }] }],
    };
    expect(await invalidMessage(schemas.create(ctx, flowSchema('bad', spec), undefined, {}))).to.equal(
      'FlowSchema.flowcontrol.apiserver.k8s.io "bad" is invalid: [spec.matchingPrecedence: Invalid value: 1: only the schema named \'exempt\' may have matchingPrecedence 1, ' +
        'spec.distinguisherMethod.type: Unsupported value: {"type":"ByColour"}: supported values: "ByNamespace", "ByUser", ' +
        'spec.priorityLevelConfiguration.name: Required value: must reference a priority level, ' +
        "spec.rules[0].subjects[0].user: Required value: user is required when subject kind is 'User', " +
        "spec.rules[0].subjects[0].group: Forbidden: group is forbidden when subject kind is not 'Group', " +
        'spec.rules[0].nonResourceRules[0].verbs: Invalid value: ["*","get"]: if \'*\' is present, must not specify other verbs, ' +
        'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "healthz": must start with slash]',
    );
  });

  it('keeps the mandatory schemas at their fixed spec, and bumps generation on spec changes', async () => {
    const exempt = flowSchema('exempt', { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1, rules: [rule] });
    expect(await invalidMessage(schemas.create(ctx, exempt, undefined, {}))).to.match(
      /^FlowSchema.flowcontrol.apiserver.k8s.io "exempt" is invalid: spec: Invalid value: .*: spec of 'exempt' must equal the fixed value$/,
    );
    await schemas.create(ctx, flowSchema('dev', { priorityLevelConfiguration: { name: 'workload-low' }, rules: [rule] }), undefined, {});
    const { obj } = await schemas.update(
      ctx,
      'dev',
      modify((o) => ((o.spec as { matchingPrecedence: number }).matchingPrecedence = 500)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
  });

  it('prints PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL', async () => {
    const out = await schemas.create(
      ctx,
      flowSchema('dev', { priorityLevelConfiguration: { name: 'workload-low' }, distinguisherMethod: { type: 'ByUser' }, rules: [rule] }),
      undefined,
      {},
    );
    const table = (await schemas.convertToTable(ctx, out, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
    const cells = table.rows[0].cells;
    expect([...cells.slice(0, 4), cells[5]]).to.deep.equal(['dev', 'workload-low', 1000, 'ByUser', '?']);
  });
});
