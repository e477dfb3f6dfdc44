// Unit tests live beside the code (packages/*/src/**/*.test.ts) and run from source through tsx.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--conditions=kapi-source'].filter(Boolean).join(' ');
module.exports = {
  require: ['tsx/cjs'],
  spec: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
  extension: ['ts'],
  timeout: 20000,
  exit: true,
};
