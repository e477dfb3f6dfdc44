import 'reflect-metadata';
import { kubeAggregatorModule } from './kube-aggregator-module';

export * from './kube-aggregator-module';
export * from './aggregator';
export * from './apis/apiservice/types';
export * from './apis/apiservice/definition';
export * from './apis/apiservice/validation';
export * from './autoregister/autoregister-controller';
export * from './proxy/service-resolver';
export * from './rest/storage-apiregistration';

export default kubeAggregatorModule;
