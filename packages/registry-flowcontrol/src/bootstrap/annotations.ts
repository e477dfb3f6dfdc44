/** Set on the bootstrap objects: the configuration producer keeps their spec at the server's values while it is "true". */
export const autoUpdateAnnotation = 'apf.kubernetes.io/autoupdate-spec';
