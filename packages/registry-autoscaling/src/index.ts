export * from './registry-autoscaling-module';
export * from './rest/storage-autoscaling';
export * from './horizontalpodautoscaler/definition';
export * from './horizontalpodautoscaler/conversion-v1';
export * from './horizontalpodautoscaler/validation';
