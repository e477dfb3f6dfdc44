import { injectable } from 'inversify';
import {
  newVersionedGroupInfo, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider,
} from '@kapi/apiserver-core';
import { widgetSchema } from '../widget/schema';
import { newWidgetStorage, type WidgetStorage } from '../widget/storage';

/** The group's RESTStorageProvider: widgets and widgets/status in widgets.example.dev/v1. */
@injectable()
export class WidgetsRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'widgets.example.dev';

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    // widgets and widgets/status share one Store: build it once, on first use.
    let storage: WidgetStorage | undefined;
    const widgets = () => (storage ??= newWidgetStorage(getter));
    return newVersionedGroupInfo(
      source,
      { group: this.groupName, version: 'v1' },
      { widgets: () => widgets().widget, 'widgets/status': () => widgets().status },
      getter,
      [widgetSchema],
    );
  }
}
