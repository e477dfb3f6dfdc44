#!/usr/bin/env node
// TypeScript project references derived from the npm workspace graph: the root tsconfig.json references
// every workspace that has one (dependencies first), and each package references the workspace
// packages it depends on. `tsc -b` builds in that order, so a package missing here builds from a
// stale or absent dist/ on a fresh clone — the graph is the single source, this file only copies it.
//   node scripts/sync-project-references.js          rewrite the tsconfig.json files
//   node scripts/sync-project-references.js --check  exit 1 naming the files that differ (npm test)
const fs = require('fs');
const path = require('path');

const check = process.argv.includes('--check');
process.chdir(path.join(__dirname, '..'));
const readJSON = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const root = readJSON('package.json');

const workspaceDirs = root.workspaces.flatMap((w) => (w.endsWith('/*') ? fs.readdirSync(w.slice(0, -2)).map((d) => `${w.slice(0, -2)}/${d}`) : [w]));
const byName = new Map();
for (const dir of workspaceDirs) {
  if (fs.existsSync(path.join(dir, 'package.json'))) byName.set(readJSON(path.join(dir, 'package.json')).name, dir);
}
// Every workspace with a tsconfig, bench/ included: `tsc -b` type-checks it (its runs still go through tsx).
const hasTsconfig = (name) => fs.existsSync(path.join(byName.get(name), 'tsconfig.json'));
const depsOf = (name) => {
  const pkg = readJSON(path.join(byName.get(name), 'package.json'));
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }).filter((d) => byName.has(d) && d !== name);
};

// Dependencies before dependants, otherwise in workspace order.
const order = [];
const seen = new Set();
const visit = (name) => {
  if (seen.has(name)) return;
  seen.add(name);
  depsOf(name).forEach(visit);
  order.push(name);
};
[...byName.keys()].forEach(visit);

const differing = [];
const write = (file, json) => {
  const text = JSON.stringify(json, null, 2) + '\n';
  if (fs.readFileSync(file, 'utf8') === text) return;
  differing.push(file);
  if (!check) fs.writeFileSync(file, text);
};

for (const name of order.filter(hasTsconfig)) {
  const dir = byName.get(name);
  const file = path.join(dir, 'tsconfig.json');
  const ts = readJSON(file);
  const refs = order.filter((d) => depsOf(name).includes(d) && hasTsconfig(d)).map((d) => ({ path: path.relative(dir, byName.get(d)) }));
  if (refs.length === 0 && !ts.references) continue;
  ts.references = refs;
  write(file, ts);
}
const rootTs = readJSON('tsconfig.json');
rootTs.references = order.filter(hasTsconfig).map((n) => ({ path: byName.get(n) }));
write('tsconfig.json', rootTs);

if (check && differing.length) {
  console.error(`project references differ from the workspace graph in: ${differing.join(', ')}\nrun: node scripts/sync-project-references.js`);
  process.exit(1);
}
