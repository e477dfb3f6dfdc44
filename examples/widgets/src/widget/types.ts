import type { KObject } from '@kapi/apiserver-core';

/** The sizes a widget comes in. */
export const widgetSizes = ['small', 'medium', 'large'] as const;
export type WidgetSize = (typeof widgetSizes)[number];

/** The phases a widget controller reports. */
export const widgetPhases = ['Pending', 'Ready', 'Failed'] as const;

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
