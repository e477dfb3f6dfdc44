import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { WidgetAttachREST } from '../widget/attach';
import { widgetDefinition } from '../widget/definition.generated';

/** The group's RESTStorageProvider: widgets, widgets/status and the widgets/attach stream in widgets.example.dev/v1. */
export const widgetsRESTStorageProvider = newRESTStorageProviderFor({
  group: 'widgets.example.dev',
  versions: ['v1'],
  resources: [{ ...widgetDefinition, subresources: { attach: (store) => new WidgetAttachREST(store) } }],
});
