export * from './admission-plugins-module';
export * from './namespace-lifecycle/admission';
export * from './limitranger/admission';
export * from './defaultingressclass/admission';
export * from './defaulttolerationseconds/admission';
export * from './podsecurity/admission';
export * from './nodetaint/admission';
export * from './resourcequota/admission';
