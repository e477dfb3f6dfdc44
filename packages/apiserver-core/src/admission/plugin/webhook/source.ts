import { LabelSelector } from '../../../labels/selector';
import { FieldSelector } from '../../../fields/selector';
import { isGetter, isLister } from '../../../rest/interfaces';
import type { KObject } from '../../../runtime/object';
import type { Attributes } from '../../attributes';
import type { StorageLookup } from '../../initializer';
import { objectSelectorMatches, ruleMatches, selectorMatches } from './matching';
import { webhooksOfConfiguration, type WebhookAccessor } from './types';

const group = 'admissionregistration.k8s.io';

/** Requests on the admission configuration itself never go to webhooks, so a bad webhook cannot lock itself in. */
const exemptResources = new Set(['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings']);

/**
 * The webhooks of one kind of configuration that apply to a request: configurations sorted by name
 * (as kube's configuration manager sorts them), read from the watch cache on each request.
 */
export class WebhookSource {
  private lookup?: StorageLookup;

  constructor(private readonly resource: 'mutatingwebhookconfigurations' | 'validatingwebhookconfigurations') {}

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async matching(a: Attributes): Promise<WebhookAccessor[]> {
    if (a.resource.group === group && exemptResources.has(a.resource.resource)) return [];
    const storage = this.lookup?.({ group, resource: this.resource });
    if (!storage || !isLister(storage)) return [];
    const list = await storage.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything(), resourceVersion: '0' });
    const configs = [...(list.items as KObject[])].sort((x, y) => (x.metadata?.name ?? '').localeCompare(y.metadata?.name ?? ''));
    const candidates = configs.flatMap(webhooksOfConfiguration).filter((h) => h.rules.some((r) => ruleMatches(r, a)) && objectSelectorMatches(h.objectSelector, a));
    const out: WebhookAccessor[] = [];
    for (const h of candidates) if (await this.namespaceMatches(h, a)) out.push(h);
    return out;
  }

  /** namespace.Matcher: cluster-scoped requests always match; a namespace matches by its own labels. */
  private async namespaceMatches(h: WebhookAccessor, a: Attributes): Promise<boolean> {
    const sel = h.namespaceSelector;
    if (!sel || (!sel.matchLabels && !sel.matchExpressions?.length)) return true;
    if (a.resource.group === '' && a.resource.resource === 'namespaces') return selectorMatches(sel, (a.object ?? a.oldObject)?.metadata?.labels);
    if (!a.namespace) return true;
    const namespaces = this.lookup?.({ group: '', resource: 'namespaces' });
    if (!namespaces || !isGetter(namespaces)) return false;
    const ns = await namespaces.get({}, a.namespace, { resourceVersion: '0' }).catch(() => undefined);
    return ns !== undefined && selectorMatches(sel, ns.metadata?.labels);
  }
}
