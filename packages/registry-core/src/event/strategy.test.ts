import { expect } from 'chai';
import { beforeCreate } from '@kapi/apiserver-core';
import { invalidCauses } from '../testing/causes';
import { eventAttrs, eventStrategy } from './strategy';

describe('event strategy', () => {
  it('requires the involved object in the event namespace and a known type', () => {
    const causes = invalidCauses(() =>
      beforeCreate(
        eventStrategy,
        { namespace: 'a' },
        {
          metadata: { name: 'e' },
          involvedObject: { kind: 'Pod', name: 'p', namespace: 'b' },
          type: 'Odd',
        },
      ),
    );
    expect(causes).to.deep.equal([
      'involvedObject.namespace: Invalid value: "b": does not match event.namespace',
      'type: Unsupported value: "Odd": supported values: "Normal", "Warning"',
    ]);
  });

  it('exposes the fields kubectl selects events by', () => {
    const attrs = eventAttrs({
      metadata: { name: 'e', namespace: 'a' },
      involvedObject: { kind: 'Pod', name: 'p' },
      reason: 'Pulled',
      type: 'Normal',
      source: { component: 'kubelet' },
    });
    expect(attrs.fields).to.include({ 'involvedObject.kind': 'Pod', 'involvedObject.name': 'p', reason: 'Pulled', type: 'Normal', source: 'kubelet' });
  });
});
