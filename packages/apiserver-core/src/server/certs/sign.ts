import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import {
  keyAlgorithm,
  leafValidity,
  newKeyPair,
  newSerialNumber,
  privateKeyPEM,
  type CertificateAuthority,
  type CertKeyPair,
  type CertificateValidity,
} from './certificate-authority';

async function signLeaf(ca: CertificateAuthority, subject: x509.JsonName, extensions: x509.Extension[], validity: CertificateValidity): Promise<CertKeyPair> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: newSerialNumber(),
    subject,
    issuer: ca.cert.subjectName,
    ...leafValidity(validity),
    publicKey: keys.publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: keyAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      ...extensions,
    ],
  });
  return { certPEM: cert.toString('pem') + '\n', keyPEM: await privateKeyPEM(keys.privateKey) };
}

/**
 * A serving certificate (serverAuth) for the given host names and IPs, as SANs — the only names
 * Go and Node check; the CN is kube-apiserver's, for people reading the certificate.
 */
export async function newServingCertificate(ca: CertificateAuthority, hosts: string[], validity: CertificateValidity = {}): Promise<CertKeyPair> {
  const names = [...new Set(hosts.filter(Boolean))].map((h) => ({ type: isIP(h) ? 'ip' : 'dns', value: h }) as x509.JsonGeneralName);
  return signLeaf(
    ca,
    [{ CN: ['kube-apiserver'] }],
    [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]), new x509.SubjectAlternativeNameExtension(names)],
    validity,
  );
}

export interface ClientCertificateOptions extends CertificateValidity {
  /** The extended key usages; clientAuth unless a test wants a certificate the x509 authenticator refuses. */
  usages?: string[];
}

/**
 * A client certificate as the x509 authenticator reads it: CN is the user name, each O a group
 * (kubeadm's admin.conf: CN=kubernetes-admin, O=system:masters).
 */
export async function newClientCertificate(ca: CertificateAuthority, user: string, groups: string[] = [], opts: ClientCertificateOptions = {}): Promise<CertKeyPair> {
  const subject: x509.JsonName = [{ CN: [user] }, ...groups.map((g) => ({ O: [g] }))];
  return signLeaf(ca, subject, [new x509.ExtendedKeyUsageExtension(opts.usages ?? [x509.ExtendedKeyUsage.clientAuth])], opts);
}
