/**
 * +resource:group=bad.example.dev,version=v1,scope=Everywhere
 * +printcolumn:name=Size
 */
export interface Thing {
  spec?: ThingSpec;
}

export interface ThingSpec {
  /** +minimum=lots */
  count?: number;
  /** +colour=red */
  shade?: string;
  either?: string | number;
}
