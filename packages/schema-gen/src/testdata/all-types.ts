import type { DateTime, int32, IntOrString } from '../scalar-types';

/**
 * Sample shows every type mapping.
 * +resource:group=samples.example.dev,version=v1beta1,scope=Cluster,path=samplez,singular=sample
 * +shortName=sm;smp
 */
export interface Sample {
  spec?: {
    labels?: Record<string, string>;
    ports?: int32[];
    /**
     * +listType=set
     * +maxItems=3
     */
    tags?: string[];
    target?: IntOrString;
    anything?: unknown;
    when?: DateTime | null;
    /** +enum=1;2;3 */
    level?: int32;
    /**
     * +required
     * +default=true
     */
    enabled?: boolean;
    ratio: number;
  };
}
