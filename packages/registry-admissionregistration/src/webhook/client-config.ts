import { field, isDNS1123Subdomain, type ErrorList, type Path } from '@kapi/apiserver-core';
import type { WebhookClientConfig } from './types';

const urlForm = '; desired format: https://host[/path]';

/** The clientConfig: exactly one of url (https, no user, query or fragment) or service. */
export function validateClientConfig(cc: WebhookClientConfig | undefined, path: Path): ErrorList {
  if ((cc?.url === undefined) === (cc?.service === undefined)) return [field.required(path, 'exactly one of url or service is required')];
  return cc!.url !== undefined ? validateWebhookURL(cc!.url, path.child('url')) : validateWebhookService(cc!.service!, path.child('service'));
}

/** webhook.ValidateWebhookURL with https required, as admission webhooks require it. */
function validateWebhookURL(raw: string, path: Path): ErrorList {
  let u: URL;
  try {
    u = new URL(raw);
  } catch (err) {
    return [field.required(path, `url must be a valid URL: parse ${JSON.stringify(raw)}: ${(err as Error).message}${urlForm}`)];
  }
  const errs: ErrorList = [];
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'https') errs.push(field.invalid(path, scheme, `'https' is the only allowed URL scheme${urlForm}`));
  if (!u.host) errs.push(field.invalid(path, u.host, `host must be specified${urlForm}`));
  if (u.username || u.password) errs.push(field.invalid(path, u.password ? `${u.username}:${u.password}` : u.username, 'user information is not permitted in the URL'));
  if (u.hash) errs.push(field.invalid(path, u.hash.slice(1), 'fragments are not permitted in the URL'));
  if (u.search) errs.push(field.invalid(path, u.search.slice(1), 'query parameters are not permitted in the URL'));
  return errs;
}

/** webhook.ValidateWebhookService: name, namespace, port, and a path of DNS-subdomain segments. */
function validateWebhookService(svc: NonNullable<WebhookClientConfig['service']>, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (!svc.name) errs.push(field.required(path.child('name'), 'service name is required'));
  if (!svc.namespace) errs.push(field.required(path.child('namespace'), 'service namespace is required'));
  const port = svc.port ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535) errs.push(field.invalid(path.child('port'), port, 'port is not valid: must be between 1 and 65535, inclusive'));
  const p = svc.path;
  if (p === undefined || p === '/' || p === '') return errs;
  if (p === '//') return [...errs, field.invalid(path.child('path'), p, 'segment[0] may not be empty')];
  if (!p.startsWith('/')) errs.push(field.invalid(path.child('path'), p, "must start with a '/'"));
  let rest = p.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  rest.split('/').forEach((step, i) => {
    if (!step) errs.push(field.invalid(path.child('path'), p, `segment[${i}] may not be empty`));
    else for (const msg of isDNS1123Subdomain(step)) errs.push(field.invalid(path.child('path'), p, `segment[${i}]: ${msg}`));
  });
  return errs;
}
