import { field, validateAnnotations, validateLabels, type ErrorList, type Path } from '@kapi/apiserver-core';
import { validatePodTemplateSpec } from '@kapi/registry-core';
import { isEmptySelector, labelSelectorAsSelector, validateLabelSelector } from './label-selector';
import type { PodTemplateSpec, WorkloadSpec } from './types';

/** How each apps kind checks its selector and template; kube-apiserver differs between them in small ways. */
export interface SelectorTemplateRules {
  /** The word in "empty selector is invalid for <word>" (replicasets say "deployment"). */
  kindWord: string;
  /** The kind named in "activeDeadlineSeconds in <Kind> is not Supported" (deployments say "ReplicaSet"). */
  activeDeadlineKind: string;
  /** A missing selector is Required; for daemonsets it selects nothing, so the template never matches. */
  selectorRequired: boolean;
  /** The detail of the error when the selector cannot be turned into one; daemonsets add none. */
  invalidSelectorDetail?: string;
  /**
   * The whole pod template is validated (ValidatePodTemplateSpec); statefulsets check only its labels
   * and annotations, since their volume mounts may name volumeClaimTemplates the pod spec lacks.
   */
  fullPodTemplate: boolean;
}

type CoreTemplate = Parameters<typeof validatePodTemplateSpec>[0];

function validateTemplate(template: PodTemplateSpec, selectsTemplate: boolean, path: Path, rules: SelectorTemplateRules): ErrorList {
  const errs: ErrorList = [];
  if (!selectsTemplate) {
    errs.push(field.invalid(path.child('metadata', 'labels'), template.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  if (rules.fullPodTemplate) {
    errs.push(...validatePodTemplateSpec(template as CoreTemplate, path));
  } else {
    // ValidatePodTemplateSpecForStatefulSet names these paths without "metadata".
    errs.push(...validateLabels(template.metadata?.labels, path.child('labels')));
    errs.push(...validateAnnotations(template.metadata?.annotations, path.child('annotations')));
  }
  const spec = template.spec ?? {};
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always') {
    errs.push(field.notSupported(path.child('spec', 'restartPolicy'), spec.restartPolicy, ['Always']));
  }
  if (spec.activeDeadlineSeconds !== undefined) {
    errs.push(field.forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${rules.activeDeadlineKind} is not Supported`));
  }
  return errs;
}

/**
 * The selector/template pair every controller has: a valid, non-empty selector that selects the
 * template's own labels (else the controller would adopt pods it does not create, or never see its
 * own), and a template whose pods restart Always — the controller replaces them instead.
 */
export function validateSelectorAndTemplate(spec: WorkloadSpec, path: Path, rules: SelectorTemplateRules): ErrorList {
  const errs: ErrorList = [];
  const selectorPath = path.child('selector');
  const labels = spec.template?.metadata?.labels ?? {};
  // A missing selector is labels.Nothing() (matches no pod) where it is not Required.
  let selectsTemplate = !!spec.selector || rules.selectorRequired;
  if (!spec.selector) {
    if (rules.selectorRequired) errs.push(field.required(selectorPath, ''));
  } else {
    const selectorErrs = validateLabelSelector(spec.selector, selectorPath);
    errs.push(...selectorErrs);
    const empty = isEmptySelector(spec.selector);
    if (empty) errs.push(field.invalid(selectorPath, spec.selector, `empty selector is invalid for ${rules.kindWord}`));
    if (selectorErrs.length) {
      // LabelSelectorAsSelector fails on what validation refused; most kinds say so once more and skip the template.
      if (rules.invalidSelectorDetail === undefined) selectsTemplate = true;
      else return [...errs, field.invalid(selectorPath, spec.selector, rules.invalidSelectorDetail)];
    } else {
      selectsTemplate = empty || labelSelectorAsSelector(spec.selector).matches(labels);
    }
  }
  if (!spec.template) return [...errs, field.required(path.child('template'), '')];
  errs.push(...validateTemplate(spec.template, selectsTemplate, path.child('template'), rules));
  return errs;
}
