import { expect } from 'chai';
import { parseServerFlags, UsageError, usage } from './flags';

describe('kapi server --audit-* flags', () => {
  it('defaults as kube-apiserver: no policy, no backend, json, webhook batch 400 / 30s / 10s backoff', () => {
    const { audit } = parseServerFlags([]).options;
    expect(audit.policyFile).to.equal(undefined);
    expect(audit.log).to.deep.equal({ format: 'json', maxAgeDays: 0, maxBackups: 0, maxSizeMB: 0, compress: false });
    expect(audit.webhook).to.deep.equal({
      mode: 'batch',
      initialBackoffMs: 10_000,
      batch: { bufferSize: 10000, maxBatchSize: 400, maxBatchWaitMs: 30_000, throttleEnable: true, throttleQPS: 10, throttleBurst: 15 },
    });
  });

  it('reads the policy, log and webhook flags', () => {
    const { audit } = parseServerFlags([
      '--audit-policy-file',
      '/etc/kapi/audit.yaml',
      '--audit-log-path=-',
      '--audit-log-format',
      'legacy',
      '--audit-log-maxage',
      '7',
      '--audit-log-maxbackup',
      '3',
      '--audit-log-maxsize',
      '50',
      '--audit-log-compress=true',
      '--audit-webhook-config-file',
      '/etc/kapi/hook.kubeconfig',
      '--audit-webhook-mode',
      'blocking',
      '--audit-webhook-initial-backoff',
      '2s',
      '--audit-webhook-batch-buffer-size',
      '100',
      '--audit-webhook-batch-max-size',
      '10',
      '--audit-webhook-batch-max-wait',
      '1m',
      '--audit-webhook-batch-throttle-enable=false',
      '--audit-webhook-batch-throttle-qps',
      '2.5',
      '--audit-webhook-batch-throttle-burst',
      '4',
    ]).options;
    expect(audit).to.deep.equal({
      policyFile: '/etc/kapi/audit.yaml',
      log: { path: '-', format: 'legacy', maxAgeDays: 7, maxBackups: 3, maxSizeMB: 50, compress: true },
      webhook: {
        configFile: '/etc/kapi/hook.kubeconfig',
        mode: 'blocking',
        initialBackoffMs: 2000,
        batch: { bufferSize: 100, maxBatchSize: 10, maxBatchWaitMs: 60_000, throttleEnable: false, throttleQPS: 2.5, throttleBurst: 4 },
      },
    });
  });

  it('refuses malformed numbers as a usage error, and lists the flags in --help', () => {
    expect(() => parseServerFlags(['--audit-log-maxsize', 'big'])).to.throw(UsageError, 'invalid argument "big" for "--audit-log-maxsize" flag');
    expect(usage()).to.include('--audit-webhook-batch-max-wait string');
    expect(() => parseServerFlags(['--audit-log-version', 'audit.k8s.io/v1beta1'])).to.throw(UsageError, 'invalid group version');
    expect(() => parseServerFlags(['--audit-webhook-version=audit.k8s.io/v1'])).to.not.throw();
  });
});
