import type { KObject } from '@kapi/apiserver-core';

/** The sizes a widget comes in (the schema's enum, see schema.ts). */
export type WidgetSize = 'small' | 'medium' | 'large';

export interface WidgetSpec {
  /** A CSS colour name or #rrggbb; required. */
  color?: string;
  /** Defaults to medium. */
  size?: WidgetSize;
  /** How many of them; never negative, defaults to 1. */
  count?: number;
}

export interface WidgetStatus {
  phase?: string;
  observedGeneration?: number;
  message?: string;
}

/** widgets.example.dev/v1 Widget. */
export interface Widget extends KObject {
  spec?: WidgetSpec;
  status?: WidgetStatus;
}
