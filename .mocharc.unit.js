// Unit tests live beside the code (packages/*/src/**/*.test.ts) and run from source through tsx.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--conditions=kapi-source'].filter(Boolean).join(' ');
// tsx reads compiler options (experimentalDecorators for inversify) from the shared base config.
process.env.TSX_TSCONFIG_PATH = require('path').join(__dirname, 'tsconfig.base.json');
// Tests read generated build output (protobuf descriptor tables …) that `npx tsc -b` alone does not write; the
// generators skip their work when their stamp matches, so this costs nothing once they ran.
require('child_process').execFileSync('bash', [require('path').join(__dirname, 'scripts/generate-kube-api.sh')], { stdio: 'inherit' });
module.exports = {
  // Run from source: mocha forks node with the kapi-source export condition, so @kapi/* resolve to src/*.ts.
  'node-option': ['conditions=kapi-source'],
  require: ['tsx/cjs'],
  extension: ['ts'],
  timeout: 20000,
  exit: true,
};
