import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import type { LivingCluster } from '../support/living-cluster';
import { testPKI } from '../support/test-pki';

/**
 * The components themselves: their secure ports delegate authentication and authorization to kapi
 * (TokenReview, SubjectAccessReview), and none of them exited or kept repeating an error — each
 * repeated error would be kapi answering them wrongly. The last check belongs after every scenario.
 */
export function securePortsScenario(cluster: () => LivingCluster): void {
  it('their secure ports delegate to kapi: a client certificate of its CA and a token are checked by TokenReview and SubjectAccessReview', async () => {
    const pki = await testPKI();
    const token = (await cluster().kubectl(['create', 'token', 'default'])).trim();
    for (const c of cluster().components.filter((p) => p.securePort)) {
      const url = `https://127.0.0.1:${c.securePort}/metrics`;
      // The components serve with a self-signed certificate of their own (--cert-dir): trust it unseen here.
      const admin = new Agent({ connect: { rejectUnauthorized: false, cert: pki.admin.certPEM, key: pki.admin.keyPEM } });
      const anon = new Agent({ connect: { rejectUnauthorized: false } });
      expect((await fetch(url, { dispatcher: admin })).status, `${c.name} admin`).to.equal(200);
      // A service account without rights: authenticated by TokenReview, then refused by SubjectAccessReview.
      expect((await fetch(url, { dispatcher: anon, headers: { authorization: `Bearer ${token}` } })).status, `${c.name} token`).to.equal(403);
      expect((await fetch(url, { dispatcher: anon, headers: { authorization: 'Bearer not-a-token' } })).status, `${c.name} bad token`).to.equal(401);
    }
  });
}

export function componentsHealthyScenario(cluster: () => LivingCluster): void {
  it("the components ran throughout and repeated no error about kapi's answers", () => {
    expect(cluster().exited()).to.deep.equal([]);
    expect(cluster().repeatedErrors()).to.deep.equal({});
  });
}
