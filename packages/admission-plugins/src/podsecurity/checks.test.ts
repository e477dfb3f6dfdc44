import { expect } from 'chai';
import { evaluatePod, forbiddenDetail } from './checks';

describe('PodSecurity checks', () => {
  it("baseline refuses host namespaces, hostPath, host ports and privileged containers, in kube's order", () => {
    const spec = {
      hostNetwork: true,
      hostPID: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [
        { name: 'a', ports: [{ hostPort: 80 }, { hostPort: 443 }], securityContext: { privileged: true } },
        { name: 'b', securityContext: { privileged: true } },
      ],
    };
    expect(forbiddenDetail(evaluatePod('baseline', spec))).to.equal(
      'host namespaces (hostNetwork=true, hostPID=true), hostPath volumes (volume "root"), ' +
        'hostPort (container "a" uses hostPorts 443, 80), privileged (containers "a", "b" must not set securityContext.privileged=true)',
    );
    expect(evaluatePod('privileged', spec)).to.deep.equal([]);
  });

  it('restricted names restricted volume types instead of hostPath, and explicit bad settings before missing ones', () => {
    const spec = {
      securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } },
      volumes: [
        { name: 'root', hostPath: { path: '/' } },
        { name: 'cfg', configMap: { name: 'x' } },
      ],
      containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE'] } } }],
    };
    expect(forbiddenDetail(evaluatePod('restricted', spec))).to.equal(
      'unrestricted capabilities (container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add), ' +
        'restricted volume types (volume "root" uses restricted volume type "hostPath"), ' +
        'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false), ' +
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
    );
  });
});
