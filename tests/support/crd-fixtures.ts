/**
 * A realistic CustomResourceDefinition for the CRD tests, in the shape operators ship: two served
 * versions (v1beta1 deprecated, v1 stored), a deep schema with enums, formats, int-or-string,
 * list-map keys, defaults and a CEL rule, status and scale subresources, printer columns, a
 * selectable field, short names and a category.
 */
export const group = 'stable.example.com';

export function databaseCRD(plural = 'databases', kind = 'Database'): Record<string, unknown> {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['engine'],
        'x-kubernetes-validations': [{ rule: "self.engine != 'sqlite' || self.replicas <= 1", message: 'sqlite runs a single replica', fieldPath: '.replicas' }],
        properties: {
          engine: { type: 'string', enum: ['postgres', 'mysql', 'sqlite'] },
          version: { type: 'string', pattern: '^\\d+(\\.\\d+)*$' },
          replicas: { type: 'integer', minimum: 0, maximum: 9, default: 1 },
          port: { 'x-kubernetes-int-or-string': true },
          storage: {
            type: 'object',
            properties: {
              size: { type: 'string', default: '1Gi' },
              className: { type: 'string' },
              backups: {
                type: 'object',
                properties: {
                  schedule: { type: 'string' },
                  retention: { type: 'object', properties: { days: { type: 'integer', minimum: 1 }, copies: { type: 'integer' } } },
                },
              },
            },
          },
          users: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: { type: 'string', maxLength: 32 },
                roles: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
              },
            },
          },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      status: {
        type: 'object',
        properties: {
          replicas: { type: 'integer' },
          phase: { type: 'string' },
          conditions: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, status: { type: 'string' } } } },
        },
      },
    },
  };
  const columns = [
    { name: 'Engine', type: 'string', jsonPath: '.spec.engine' },
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ];
  const subresources = { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, shortNames: [plural.slice(0, 2)], categories: ['all'] },
      versions: [
        { name: 'v1beta1', served: true, storage: false, deprecated: true, schema: { openAPIV3Schema: schema }, subresources, additionalPrinterColumns: columns },
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: schema },
          subresources,
          additionalPrinterColumns: columns,
          selectableFields: [{ jsonPath: '.spec.engine' }],
        },
      ],
    },
  };
}

export function database(name: string, spec: Record<string, unknown>, version = 'v1', kind = 'Database'): Record<string, unknown> {
  return { apiVersion: `${group}/${version}`, kind, metadata: { name }, spec };
}
