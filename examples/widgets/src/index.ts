import 'reflect-metadata';
import { widgetsModule } from './widgets-module';
export * from './widgets-module';
export * from './rest/storage-widgets';
export * from './widget/types';
export * from './widget/definition.generated';
export default widgetsModule;
