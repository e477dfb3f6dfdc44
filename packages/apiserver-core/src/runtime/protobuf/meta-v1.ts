import type { MessageDescriptor } from './descriptor';
import { builtinMessage } from './generated-tables';

export { Duration, FieldsV1, MicroTime, Time } from './well-known';

export const metaV1Package = 'k8s.io/apimachinery/pkg/apis/meta/v1';

/**
 * A meta/v1 message from the generated tables (ObjectMeta, ListMeta, LabelSelector, Condition …),
 * for a plugin's hand-written table of its own kinds: `[1, 'metadata', metaV1.message('ObjectMeta')]`.
 */
export function message(name: string): MessageDescriptor {
  return builtinMessage(metaV1Package, name);
}
