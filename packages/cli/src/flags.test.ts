import { expect } from 'chai';
import { parseServerFlags, UsageError } from './flags';
import { parseDuration } from './duration';

describe('kapi server flags', () => {
  it('has kube-apiserver-like defaults', () => {
    const { options } = parseServerFlags([]);
    expect(options).to.include({
      bindAddress: '127.0.0.1',
      securePort: 6443,
      port: 0,
      anonymousAuth: true,
      storageBackend: 'embedded',
      dataDir: './kapi-data',
      etcdPrefix: '/registry',
    });
  });
  it('reads the secure serving and authentication flags', () => {
    const { options } = parseServerFlags([
      '--secure-port=0',
      '--tls-cert-file',
      '/pki/s.crt',
      '--tls-private-key-file',
      '/pki/s.key',
      '--client-ca-file',
      '/pki/ca.crt',
      '--cert-dir',
      '/pki',
      '--advertise-address',
      '192.0.2.1',
      '--anonymous-auth=false',
      '--tls-min-version',
      'VersionTLS13',
      '--tls-cipher-suites',
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    ]);
    expect(options).to.include({
      securePort: 0,
      tlsCertFile: '/pki/s.crt',
      tlsPrivateKeyFile: '/pki/s.key',
      clientCAFile: '/pki/ca.crt',
      certDir: '/pki',
      advertiseAddress: '192.0.2.1',
      anonymousAuth: false,
      tlsMinVersion: 'VersionTLS13',
    });
    expect(options.tlsCipherSuites).to.deep.equal(['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']);
    expect(() => parseServerFlags(['--secure-port', '70000'])).to.throw(UsageError, 'invalid argument "70000" for "--secure-port" flag');
    expect(() => parseServerFlags(['--anonymous-auth=maybe'])).to.throw(UsageError, 'strconv.ParseBool');
    expect(() => parseServerFlags(['--advertise-address', 'kapi.local'])).to.throw(UsageError, 'failed to parse IP: "kapi.local"');
  });

  it('reads --min-request-timeout in seconds (default 1800, as kube-apiserver)', () => {
    expect(parseServerFlags([]).options.minRequestTimeoutSeconds).to.equal(1800);
    expect(parseServerFlags(['--min-request-timeout', '60']).options.minRequestTimeoutSeconds).to.equal(60);
    expect(() => parseServerFlags(['--min-request-timeout=1m'])).to.throw(UsageError, 'invalid argument "1m" for "--min-request-timeout" flag');
  });

  it('reads --flag=value and --flag value, lists and durations', () => {
    const { options } = parseServerFlags([
      '--port=9000',
      '--storage-backend',
      'etcd3',
      '--etcd-servers',
      'http://a:2379,http://b:2379',
      '--etcd-compaction-interval',
      '1m30s',
      '--runtime-config',
      'apps/v1=false',
      '--plugin',
      './p1',
      '--plugin',
      'p2',
      '--watch-cache=false',
    ]);
    expect(options.port).to.equal(9000);
    expect(options.etcdServers).to.deep.equal(['http://a:2379', 'http://b:2379']);
    expect(options.etcdCompactionIntervalMs).to.equal(90_000);
    expect(options.runtimeConfig).to.deep.equal({ 'apps/v1': 'false' });
    expect(options.plugins).to.deep.equal(['./p1', 'p2']);
    expect(options.watchCache).to.equal(false);
  });
  it('reads the service, service account and controller flags', () => {
    const { options } = parseServerFlags([
      '--service-cluster-ip-range=10.96.0.0/12,fd00::/108',
      '--service-node-port-range',
      '31000-31999',
      '--event-ttl',
      '30m',
      '--service-account-issuer',
      'https://kapi.example',
      '--service-account-signing-key-file',
      '/etc/kapi/sa.key',
      '--service-account-max-token-expiration',
      '24h',
      '--controllers',
      '*,-namespace',
    ]);
    expect(options).to.include({
      serviceClusterIPRange: '10.96.0.0/12,fd00::/108',
      serviceNodePortRange: '31000-31999',
      eventTTLSeconds: 1800,
      serviceAccountIssuer: 'https://kapi.example',
      serviceAccountSigningKeyFile: '/etc/kapi/sa.key',
      serviceAccountMaxTokenExpirationSeconds: 86400,
    });
    expect(options.controllers).to.deep.equal(['*,-namespace']);
    expect(parseServerFlags([]).options).to.include({ serviceClusterIPRange: '10.0.0.0/24', serviceNodePortRange: '30000-32767' });
  });
  it('reads the service account authentication flags: issuers (first signs), key files, audiences, JWKS URI, lookup', () => {
    const { options } = parseServerFlags([
      '--service-account-issuer',
      'https://new.example',
      '--service-account-issuer',
      'https://old.example',
      '--service-account-key-file',
      '/k/a.pem',
      '--service-account-key-file=/k/b.pem',
      '--api-audiences',
      'api,vault',
      '--service-account-jwks-uri',
      'https://keys.example/jwks',
      '--service-account-lookup=false',
    ]);
    expect(options).to.include({ serviceAccountIssuer: 'https://new.example', serviceAccountJWKSURI: 'https://keys.example/jwks', serviceAccountLookup: false });
    expect(options.serviceAccountExtraIssuers).to.deep.equal(['https://old.example']);
    expect(options.serviceAccountKeyFiles).to.deep.equal(['/k/a.pem', '/k/b.pem']);
    expect(options.apiAudiences).to.deep.equal(['api', 'vault']);
    expect(parseServerFlags([]).options).to.deep.include({ serviceAccountLookup: true, serviceAccountKeyFiles: [], apiAudiences: [], serviceAccountExtraIssuers: [] });
  });
  it('reads the graceful termination flags, off by default as in kube-apiserver', () => {
    expect(parseServerFlags([]).options).to.include({ shutdownDelayMs: 0, shutdownSendRetryAfter: false, shutdownWatchTerminationGracePeriodMs: 0 });
    const { options } = parseServerFlags(['--shutdown-delay-duration', '1m10s', '--shutdown-send-retry-after=true', '--shutdown-watch-termination-grace-period=5s']);
    expect(options).to.include({ shutdownDelayMs: 70_000, shutdownSendRetryAfter: true, shutdownWatchTerminationGracePeriodMs: 5000 });
    expect(() => parseServerFlags(['--shutdown-send-retry-after=yes'])).to.throw(UsageError);
    expect(() => parseServerFlags(['--shutdown-delay-duration=soon'])).to.throw(UsageError);
  });
  it('refuses unknown flags and bad values as usage errors', () => {
    expect(() => parseServerFlags(['--no-such-flag'])).to.throw(UsageError, 'unknown flag: --no-such-flag');
    expect(() => parseServerFlags(['--port', 'abc'])).to.throw(UsageError);
    expect(() => parseServerFlags(['--watch-cache=maybe'])).to.throw(UsageError);
  });
  it('parses Go durations', () => {
    expect(parseDuration('5m0s')).to.equal(300_000);
    expect(parseDuration('300ms')).to.equal(300);
    expect(() => parseDuration('five')).to.throw('invalid duration');
  });
});
