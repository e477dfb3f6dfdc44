import { metaTime, nameIsPathSegment, type KObject, type RequestContext, type StrategyHooks } from '@kapi/apiserver-core';
import type { CertificateSigningRequest, CSRCondition } from './types';
import { validateCSRCreate, validateCSRUpdate } from './validation';

const csr = (o: KObject) => o as CertificateSigningRequest;

/** Who asked is the authenticated user of the create request, never what the body claims. */
function setRequestor(ctx: RequestContext, obj: CertificateSigningRequest): void {
  const spec = (obj.spec ??= {});
  delete spec.username;
  delete spec.uid;
  delete spec.groups;
  delete spec.extra;
  const user = ctx.user;
  if (!user) return;
  spec.username = user.name;
  if (user.uid) spec.uid = user.uid;
  if (user.groups.length) spec.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) spec.extra = structuredClone(user.extra);
}

/** populateConditionTimestamps: a condition without times gets now, or the old transition time when its status is unchanged. */
function populateConditionTimestamps(obj: CertificateSigningRequest, old: CertificateSigningRequest): void {
  const t = metaTime(Date.now());
  for (const c of obj.status?.conditions ?? []) {
    c.lastUpdateTime ||= t;
    if (!c.lastTransitionTime) {
      const same = (old.status?.conditions ?? []).find((o) => o.type === c.type && o.status === c.status && o.lastTransitionTime);
      c.lastTransitionTime = same?.lastTransitionTime ?? t;
    }
  }
}

/** preserveConditionInstances: /status may not touch Approved or Denied conditions; when their count is unchanged, the old ones are kept. */
function preserveConditions(obj: CertificateSigningRequest, old: CertificateSigningRequest, type: string): void {
  const indices = (conditions: CSRCondition[]) => conditions.flatMap((c, i) => (c.type === type ? [i] : []));
  const conditions = obj.status?.conditions ?? [];
  const oldConditions = old.status?.conditions ?? [];
  const [newIdx, oldIdx] = [indices(conditions), indices(oldConditions)];
  if (newIdx.length !== oldIdx.length) return;
  newIdx.forEach((n, i) => (conditions[n] = oldConditions[oldIdx[i]]));
}

/** The CSR itself: spec and status are fixed after create (only metadata changes here). */
export const csrStrategy: StrategyHooks = {
  prepareForCreate: (ctx, obj) => {
    setRequestor(ctx, csr(obj));
    obj.status = {};
  },
  prepareForUpdate: (_ctx, obj, old) => {
    obj.spec = old.spec;
    obj.status = old.status;
  },
  validate: (_ctx, obj) => validateCSRCreate(csr(obj)),
  validateUpdate: (_ctx, obj, old) => validateCSRUpdate(csr(obj), csr(old)),
  // kube's ValidateCertificateRequestName accepts any name: only the path-segment rules every name obeys apply.
  nameValidation: nameIsPathSegment,
};

/** certificatesigningrequests/status: the signer writes the certificate and Failed; approvals stay as they were. */
export const csrStatusStrategy: StrategyHooks = {
  prepareForUpdate: (_ctx, obj, old) => {
    preserveConditions(csr(obj), csr(old), 'Approved');
    preserveConditions(csr(obj), csr(old), 'Denied');
    populateConditionTimestamps(csr(obj), csr(old));
  },
  validateUpdate: (_ctx, obj, old) => validateCSRUpdate(csr(obj), csr(old), { allowSettingCertificate: true }),
};

/** certificatesigningrequests/approval: only the conditions change (kubectl certificate approve|deny). */
export const csrApprovalStrategy: StrategyHooks = {
  prepareForUpdate: (_ctx, obj, old) => {
    populateConditionTimestamps(csr(obj), csr(old));
    const conditions = csr(obj).status?.conditions;
    obj.status = { ...csr(old).status, conditions };
    if (!conditions) delete (obj.status as { conditions?: unknown }).conditions;
  },
  validateUpdate: (_ctx, obj, old) => validateCSRUpdate(csr(obj), csr(old), { allowSettingApprovalConditions: true }),
};
