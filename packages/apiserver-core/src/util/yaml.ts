import type * as JsYaml from 'js-yaml';

let loaded: typeof JsYaml | undefined;

/**
 * js-yaml, required on first use. Only a YAML request or response, a YAML config file (admission, audit, encryption, webhook
 * kubeconfigs) or the protobuf OpenAPI document needs it, and start-up should not pay for loading it (25–35 ms of module
 * loading, measured with a require-timing hook on @kapi/controlplane).
 */
export function jsYaml(): typeof JsYaml {
  return (loaded ??= require('js-yaml') as typeof JsYaml);
}
