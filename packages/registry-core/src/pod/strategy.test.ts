import { expect } from 'chai';
import { isStatusError, beforeCreate, beforeUpdate, type KObject } from '@kapi/apiserver-core';
import { defaultImagePullPolicy } from './defaults';
import { podQOSClass, podStatusStrategy, podStrategy, syncPodIPs } from './strategy';

function pod(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec };
}

function invalidCauses(fn: () => void): string[] {
  try {
    fn();
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  throw new Error('expected 422 Invalid');
}

describe('pod strategy', () => {
  it('derives imagePullPolicy from the image reference as kube-apiserver does', () => {
    expect(defaultImagePullPolicy('nginx')).to.equal('Always');
    expect(defaultImagePullPolicy('nginx:latest')).to.equal('Always');
    expect(defaultImagePullPolicy('nginx:1.25')).to.equal('IfNotPresent');
    expect(defaultImagePullPolicy('registry:5000/app')).to.equal('Always');
    expect(defaultImagePullPolicy('registry:5000/app:v2')).to.equal('IfNotPresent');
    expect(defaultImagePullPolicy('nginx@sha256:abc')).to.equal('IfNotPresent');
  });

  it('fills the defaults a real cluster returns and starts Pending with a QoS class', () => {
    const p = pod({ containers: [{ name: 'c', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] });
    beforeCreate(podStrategy, { namespace: 'default' }, p);
    expect(p.spec).to.deep.include({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    const c = (p.spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(c).to.deep.include({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} });
    expect((c.ports as { protocol: string }[])[0].protocol).to.equal('TCP');
    // the default tolerations come from the DefaultTolerationSeconds admission plugin, not the strategy
    expect((p.spec as { tolerations?: unknown[] }).tolerations).to.equal(undefined);
    expect(p.status).to.deep.equal({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('leaves the service account to the ServiceAccount admission plugin, mirroring the deprecated field', () => {
    const p = pod({ containers: [{ name: 'c', image: 'x' }] });
    beforeCreate(podStrategy, { namespace: 'default' }, p);
    expect(p.spec).to.not.have.any.keys('serviceAccountName', 'serviceAccount', 'volumes');
    const old = pod({ serviceAccount: 'robot', containers: [{ name: 'c', image: 'x' }] });
    beforeCreate(podStrategy, { namespace: 'default' }, old);
    expect(old.spec).to.deep.include({ serviceAccountName: 'robot', serviceAccount: 'robot' });
  });

  it('computes Guaranteed and Burstable QoS', () => {
    const lim = { cpu: '1', memory: '1Gi' };
    expect(podQOSClass({ containers: [{ resources: { limits: lim, requests: lim } }] })).to.equal('Guaranteed');
    expect(podQOSClass({ containers: [{ resources: { requests: { cpu: '100m' } } }] })).to.equal('Burstable');
  });

  it('answers 422 with one cause per field path', () => {
    const causes = invalidCauses(() =>
      beforeCreate(
        podStrategy,
        { namespace: 'default' },
        pod({
          restartPolicy: 'Sometimes',
          containers: [
            { name: 'c', image: 'x', ports: [{ containerPort: 0 }] },
            { name: 'c', image: 'y' },
          ],
        }),
      ),
    );
    expect(causes).to.include('spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
    expect(causes).to.include('spec.containers[0].ports[0].containerPort: Required value');
    expect(causes).to.include('spec.containers[1].name: Duplicate value: "c"');
  });

  it('checks security contexts, host ports and DNS config', () => {
    const causes = invalidCauses(() =>
      beforeCreate(
        podStrategy,
        { namespace: 'default' },
        pod({
          hostNetwork: true,
          securityContext: { runAsUser: -1 },
          dnsConfig: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] },
          containers: [
            { name: 'a', image: 'x', securityContext: { privileged: true, allowPrivilegeEscalation: false }, ports: [{ containerPort: 80, hostPort: 8080 }] },
            { name: 'b', image: 'x', ports: [{ containerPort: 8080, hostPort: 8080 }] },
          ],
        }),
      ),
    );
    expect(causes).to.include('spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive');
    expect(causes).to.include('spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true');
    expect(causes).to.include('spec.containers[1].ports[0].hostPort: Duplicate value: "TCP/8080"');
    expect(
      causes.some(
        (c) => c.startsWith('spec.containers[0].securityContext: Invalid value:') && c.endsWith('cannot set `allowPrivilegeEscalation` to false and `privileged` to true'),
      ),
    ).to.equal(true);
    expect(causes.some((c) => c.startsWith('spec.dnsConfig.nameservers:'))).to.equal(true);
  });

  it('requires at least one container', () => {
    expect(invalidCauses(() => beforeCreate(podStrategy, { namespace: 'default' }, pod({})))).to.include('spec.containers: Required value');
  });

  it('forbids spec changes other than images on update, and keeps status', () => {
    const old = pod({ containers: [{ name: 'c', image: 'nginx:1' }] });
    beforeCreate(podStrategy, { namespace: 'default' }, old);
    old.metadata!.resourceVersion = '5';
    const imageOnly = structuredClone(old);
    (imageOnly.spec as { containers: { image: string }[] }).containers[0].image = 'nginx:2';
    imageOnly.status = { phase: 'Running' };
    beforeUpdate(podStrategy, { namespace: 'default' }, imageOnly, old);
    expect(imageOnly.status).to.deep.equal(old.status);
    const restart = structuredClone(old);
    (restart.spec as { restartPolicy: string }).restartPolicy = 'Never';
    const causes = invalidCauses(() => beforeUpdate(podStrategy, { namespace: 'default' }, restart, old));
    expect(causes[0]).to.match(/^spec: Forbidden: pod updates may not change fields other than/);
  });

  it('/status changes status and never spec', () => {
    const old = pod({ containers: [{ name: 'c', image: 'nginx:1' }] });
    beforeCreate(podStrategy, { namespace: 'default' }, old);
    const upd = structuredClone(old);
    upd.status = { phase: 'Running', podIP: '10.1.0.5' };
    (upd.spec as { nodeName: string }).nodeName = 'sneaky';
    beforeUpdate(podStatusStrategy, { namespace: 'default' }, upd, old);
    expect((upd.spec as { nodeName?: string }).nodeName).to.equal(undefined);
    // podIP alone (an older kubelet, kwok) is copied to podIPs, as the v1 -> internal conversion does.
    expect(upd.status).to.deep.equal({ phase: 'Running', podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }] });
  });

  it('podIPs[0] fills podIP, and a podIP that differs from podIPs[0] wins', () => {
    const a = { podIPs: [{ ip: '10.1.0.6' }, { ip: 'fd00::6' }] } as Record<string, unknown>;
    syncPodIPs(a);
    expect(a).to.deep.equal({ podIP: '10.1.0.6', podIPs: [{ ip: '10.1.0.6' }, { ip: 'fd00::6' }] });
    const b = { podIP: '10.1.0.7', podIPs: [{ ip: '10.1.0.8' }], hostIP: '192.168.0.1' } as Record<string, unknown>;
    syncPodIPs(b);
    expect(b).to.deep.equal({ podIP: '10.1.0.7', podIPs: [{ ip: '10.1.0.7' }], hostIP: '192.168.0.1', hostIPs: [{ ip: '192.168.0.1' }] });
  });

  it('CheckGracefulDelete: a scheduled pod gets its grace period, an unscheduled or finished one 0', () => {
    const opts = (o: { gracePeriodSeconds?: number } = {}) => o;
    const scheduled = pod({ nodeName: 'n', terminationGracePeriodSeconds: 30, containers: [] });
    let o = opts();
    expect(podStrategy.checkGracefulDelete({}, scheduled, o)).to.equal(true);
    expect(o.gracePeriodSeconds).to.equal(30);
    o = opts({ gracePeriodSeconds: 5 });
    podStrategy.checkGracefulDelete({}, scheduled, o);
    expect(o.gracePeriodSeconds).to.equal(5);
    o = opts();
    podStrategy.checkGracefulDelete({}, pod({ terminationGracePeriodSeconds: 30, containers: [] }), o);
    expect(o.gracePeriodSeconds).to.equal(0);
    o = opts();
    podStrategy.checkGracefulDelete({}, { ...scheduled, status: { phase: 'Succeeded' } }, o);
    expect(o.gracePeriodSeconds).to.equal(0);
  });
});
