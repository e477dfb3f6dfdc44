import { field, Path, type ErrorList } from '@kapi/apiserver-core';
import { widgetPhases, widgetSizes, type Widget } from './types';

const colorRe = /^(#[0-9a-f]{6}|[a-z]+)$/;

/** The spec rules; messages follow kube-apiserver's field errors so kubectl prints them as it does for built-ins. */
export function validateWidget(w: Widget): ErrorList {
  const errs: ErrorList = [];
  const spec = Path.root('spec');
  const s = w.spec ?? {};
  if (!s.color) errs.push(field.required(spec.child('color'), ''));
  else if (!colorRe.test(s.color)) errs.push(field.invalid(spec.child('color'), s.color, 'must be a lowercase colour name or #rrggbb'));
  if (s.size !== undefined && !widgetSizes.includes(s.size)) errs.push(field.notSupported(spec.child('size'), s.size, [...widgetSizes]));
  if (s.count !== undefined && (!Number.isInteger(s.count) || s.count < 0)) {
    errs.push(field.invalid(spec.child('count'), s.count, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** A colour is chosen once: repainting a widget means a new widget. */
export function validateWidgetUpdate(w: Widget, old: Widget): ErrorList {
  const errs = validateWidget(w);
  if (w.spec?.color !== old.spec?.color) errs.push(field.invalid(Path.root('spec').child('color'), w.spec?.color ?? '', 'field is immutable'));
  return errs;
}

/** What /status accepts. */
export function validateWidgetStatus(w: Widget): ErrorList {
  const errs: ErrorList = [];
  const phase = w.status?.phase;
  if (phase !== undefined && !(widgetPhases as readonly string[]).includes(phase)) {
    errs.push(field.notSupported(Path.root('status').child('phase'), phase, [...widgetPhases]));
  }
  return errs;
}
