import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { widgetDefinition } from '../widget/definition.generated';

/** The group's RESTStorageProvider: widgets and widgets/status in widgets.example.dev/v1. */
export const widgetsRESTStorageProvider = newRESTStorageProviderFor({
  group: 'widgets.example.dev',
  versions: ['v1'],
  resources: [widgetDefinition],
});
