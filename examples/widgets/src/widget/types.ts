import type { KObject } from '@kapi/apiserver-core';
import type { int32, int64 } from '@kapi/schema-gen';

/**
 * Widget is an example resource served by the widgets plugin.
 * +resource:group=widgets.example.dev,version=v1,scope=Namespaced,categories=all;example
 * +shortName=wdg
 * +subresource:status
 * +printcolumn:name=Color,type=string,JSONPath=.spec.color
 * +printcolumn:name=Size,type=string,JSONPath=.spec.size
 * +printcolumn:name=Count,type=integer,JSONPath=.spec.count
 * +printcolumn:name=Phase,type=string,JSONPath=.status.phase
 */
export interface Widget extends KObject {
  /** What the widget should look like. */
  spec: WidgetSpec;
  /** What the widget controller observed. */
  status?: WidgetStatus;
}

export interface WidgetSpec {
  /**
   * A lowercase colour name or #rrggbb. Immutable.
   * +pattern=^(#[0-9a-f]{6}|[a-z]+)$
   * +XValidation:rule="self == oldSelf",message="field is immutable"
   */
  color: string;
  /**
   * The size of the widget.
   * +default=medium
   */
  size?: 'small' | 'medium' | 'large';
  /**
   * How many widgets.
   * +minimum=0
   * +default=1
   */
  count?: int32;
}

export interface WidgetStatus {
  /** Pending, Ready or Failed. */
  phase?: 'Pending' | 'Ready' | 'Failed';
  /** The generation the controller last acted on. */
  observedGeneration?: int64;
  /** A human-readable explanation of the phase. */
  message?: string;
}
