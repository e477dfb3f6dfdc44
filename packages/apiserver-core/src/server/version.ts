/** version.Info: what `kubectl version` shows for the server. kapi speaks the API of Kubernetes 1.32. */
export const versionInfo = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kapi.0.1.0',
  gitCommit: 'unknown',
  gitTreeState: 'clean',
  buildDate: '2026-11-23T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'tsc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};
