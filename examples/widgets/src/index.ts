import 'reflect-metadata';
import { widgetsModule } from './widgets-module';

export * from './widgets-module';
export * from './rest/storage-widgets';
export * from './widget/types';
export * from './widget/strategy';
export * from './widget/storage';
export * from './widget/table';
export * from './widget/schema';

export default widgetsModule;
