import { isStatusError } from '@kapi/apiserver-core';

/** The "<field>: <message>" causes of the 422 that fn throws; fails when it does not throw one. */
export function invalidCauses(fn: () => void): string[] {
  try {
    fn();
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  throw new Error('expected 422 Invalid');
}
