// Whole-server tests over real sockets, real processes, kubectl and client libraries.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--conditions=kapi-source'].filter(Boolean).join(' ');
module.exports = {
  require: ['tsx/cjs'],
  spec: ['tests/**/*.test.ts'],
  extension: ['ts'],
  timeout: 120000,
  exit: true,
};
