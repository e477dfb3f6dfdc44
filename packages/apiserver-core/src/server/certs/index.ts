export {
  newCertificateAuthority,
  loadCertificateAuthority,
  type CertificateAuthority,
  type CertKeyPair,
  type CertificateValidity,
} from './certificate-authority';
export { newServingCertificate, newClientCertificate, type ClientCertificateOptions } from './sign';
