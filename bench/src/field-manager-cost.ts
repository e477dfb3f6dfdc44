/**
 * CPU of the field manager's bookkeeping on a create (FieldManager.update of the bench ConfigMap, no live
 * object), in one process: the figure the field manager commits quote before/after.
 *   node --conditions=kapi-source --require tsx/cjs bench/src/field-manager-cost.ts
 */
import { SchemaRegistry, FieldManager } from '@kapi/apiserver-core';
import { configMap } from './payload';
const r = new SchemaRegistry();
r.addBuiltin({ group: '', version: 'v1', kind: 'ConfigMap' });
const gvk = { group: '', version: 'v1', kind: 'ConfigMap' };
const fm = new FieldManager(r, gvk, r.schemaOfKind(gvk)!);
const n = 20000;
const run = () => {
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) fm.update(undefined, configMap('bench-create', `c-${i}`) as never, 'kapi-bench');
  const u = process.cpuUsage(t);
  return (u.user + u.system) / n;
};
for (let i = 0; i < 3; i++) run();
const rounds = [run(), run(), run(), run(), run()].sort((a, b) => a - b);
console.log(JSON.stringify({ usPerCreateUpdateBest: rounds[0].toFixed(2), median: rounds[2].toFixed(2) }));
