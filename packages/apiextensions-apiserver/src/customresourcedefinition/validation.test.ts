import { expect } from 'chai';
import type { CustomResourceDefinition } from '../apis/types';
import { defaultCustomResourceDefinition } from './defaults';
import { validateCustomResourceDefinition } from './validation';

const schema = { openAPIV3Schema: { type: 'object' as const, properties: { spec: { type: 'object' as const } } } };

function crd(spec: Partial<CustomResourceDefinition['spec']> = {}, name = 'widgets.example.com'): CustomResourceDefinition {
  const c: CustomResourceDefinition = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema }],
      ...spec,
    },
    status: { storedVersions: ['v1'] },
  };
  defaultCustomResourceDefinition(c);
  return c;
}

const messages = (c: CustomResourceDefinition) => validateCustomResourceDefinition(c).map(String);

describe('CustomResourceDefinition validation', () => {
  it('accepts a minimal CRD once defaulted (singular, listKind, conversion None)', () => {
    const c = crd();
    expect(messages(c)).to.deep.equal([]);
    expect(c.spec.names).to.deep.include({ singular: 'widget', listKind: 'WidgetList' });
    expect(c.spec.conversion).to.deep.equal({ strategy: 'None' });
  });

  it('requires the name to be <plural>.<group> and the group to have a dot', () => {
    expect(messages(crd({}, 'gadgets.example.com'))).to.deep.equal(['metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group']);
    expect(messages(crd({ group: 'example' }, 'widgets.example'))).to.deep.equal(['spec.group: Invalid value: "example": should be a domain with at least one dot']);
  });

  it('names every version problem: one storage version, unique names, RFC 1035 names, a schema each', () => {
    const errs = messages(
      crd({
        versions: [
          { name: 'v1', served: true, storage: true, schema },
          { name: 'v1', served: true, storage: true },
          { name: 'V2', served: false, storage: false, schema },
        ],
      }),
    );
    expect(errs).to.include('spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required');
    expect(errs.some((e) => e.startsWith('spec.versions[2].name: Invalid value: "V2": a DNS-1035 label must consist of lower case'))).to.equal(true);
    expect(errs.some((e) => /^spec\.versions: Invalid value: .*: must contain unique version names$/.test(e))).to.equal(true);
    expect(errs.some((e) => /^spec\.versions: Invalid value: .*: must have exactly one version marked as storage version$/.test(e))).to.equal(true);
  });

  it('checks names, scope, printer columns, scale paths and webhook conversion settings', () => {
    const errs = messages(
      crd({
        scope: 'Everywhere' as never,
        names: { plural: 'widgets', kind: 'Widget', listKind: 'Widget', shortNames: ['W!'] },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema,
            additionalPrinterColumns: [{ name: 'Size', type: 'float', jsonPath: 'spec.size' }],
            subresources: { scale: { specReplicasPath: '.status.replicas', statusReplicasPath: '.status.replicas' } },
          },
        ],
        conversion: { strategy: 'Webhook' },
      }),
    );
    expect(errs).to.include.members([
      'spec.scope: Unsupported value: "Everywhere": supported values: "Cluster", "Namespaced"',
      'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same',
      'spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "float": must be one of boolean,date,integer,number,string',
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook',
    ]);
    expect(errs.some((e) => e.startsWith('spec.names.shortNames[0]: Invalid value: "W!"'))).to.equal(true);
  });

  it('selectable fields point to string, boolean or integer fields outside metadata, once each', () => {
    const typed = {
      openAPIV3Schema: {
        type: 'object' as const,
        properties: { spec: { type: 'object' as const, properties: { color: { type: 'string' as const }, tags: { type: 'array' as const, items: { type: 'string' as const } } } } },
      },
    };
    const errs = messages(
      crd({
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: typed,
            selectableFields: [{ jsonPath: '.spec.color' }, { jsonPath: '.spec.color' }, { jsonPath: '.spec.tags' }, { jsonPath: '.spec.nope' }, { jsonPath: '' }],
          },
        ],
      }),
    );
    expect(errs).to.deep.equal([
      'spec.versions[0].selectableFields[1].jsonPath: Duplicate value: ".spec.color"',
      'spec.versions[0].selectableFields[2].jsonPath: Invalid value: ".spec.tags": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
      'spec.versions[0].selectableFields[3].jsonPath: Invalid value: ".spec.nope": is an invalid path: does not refer to a valid field',
      'spec.versions[0].selectableFields[4].jsonPath: Required value',
    ]);
  });

  it('the root of a schema with the status subresource is an object', () => {
    const errs = messages(crd({ versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'array' } } }] }));
    expect(errs).to.include(
      'spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "array": only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
    );
  });

  it('storedVersions must name versions of the spec and include the storage version', () => {
    const c = crd();
    c.status = { storedVersions: ['v0'] };
    expect(messages(c)).to.deep.equal([
      'status.storedVersions: Invalid value: ["v0"]: must have the storage version v1',
      'status.storedVersions[0]: Invalid value: "v0": must appear in spec.versions',
    ]);
  });
});
