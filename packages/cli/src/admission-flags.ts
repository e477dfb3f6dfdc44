import type { ServerRunOptions } from '@kapi/controlplane';

/** The admission flags of kube-apiserver (AdmissionOptions.AddFlags). */
export const admissionFlagSpec = {
  'enable-admission-plugins': {
    type: 'string',
    multiple: true,
    description:
      'admission plugins that should be enabled in addition to default enabled ones. Comma-delimited list of admission plugins. The order of plugins in this flag does not matter.',
  },
  'disable-admission-plugins': {
    type: 'string',
    multiple: true,
    description:
      'admission plugins that should be disabled although they are in the default enabled plugins list. Comma-delimited list of admission plugins. The order of plugins in this flag does not matter.',
  },
  'admission-control-config-file': { type: 'string', description: 'File with admission control configuration.' },
} as const;

/** Comma-separated or repeated, as a pflag string slice. */
const names = (v: unknown) =>
  (v as string[])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

export function applyAdmissionFlags(values: Record<string, string | string[] | boolean | undefined>, opts: ServerRunOptions): void {
  const a = opts.admission;
  if (values['enable-admission-plugins'] !== undefined) a.enablePlugins = names(values['enable-admission-plugins']);
  if (values['disable-admission-plugins'] !== undefined) a.disablePlugins = names(values['disable-admission-plugins']);
  if (values['admission-control-config-file'] !== undefined) a.configFile = values['admission-control-config-file'] as string;
}
