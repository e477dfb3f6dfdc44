// Package v2 is demo.kapi.dev/v2 Widget: spec.size became spec.replicas and the greeting moved
// into spec.message.text. v1 is the hub (the stored version); v2 converts through the manager's
// /convert webhook, which kapi calls with ConversionReviews.
package v2

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/conversion"
	"sigs.k8s.io/controller-runtime/pkg/scheme"

	v1 "kapi.dev/tests/go/widget"
)

// GroupVersion is demo.kapi.dev/v2.
var GroupVersion = schema.GroupVersion{Group: "demo.kapi.dev", Version: "v2"}

// SchemeBuilder registers the v2 Widget.
var SchemeBuilder = &scheme.Builder{GroupVersion: GroupVersion}

// AddToScheme adds the v2 types to a scheme.
var AddToScheme = SchemeBuilder.AddToScheme

func init() { SchemeBuilder.Register(&Widget{}, &WidgetList{}) }

// Message is the v2 home of v1's greeting.
type Message struct {
	Text string `json:"text,omitempty"`
}

// WidgetSpec is v1's spec renamed.
type WidgetSpec struct {
	Replicas int32   `json:"replicas"`
	Image    string  `json:"image,omitempty"`
	Message  Message `json:"message,omitempty"`
}

// Widget is the v2 custom resource.
type Widget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              WidgetSpec      `json:"spec,omitempty"`
	Status            v1.WidgetStatus `json:"status,omitempty"`
}

// WidgetList is a list of v2 Widgets.
type WidgetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Widget `json:"items"`
}

// ConvertTo converts this v2 Widget to the v1 hub.
func (w *Widget) ConvertTo(dst conversion.Hub) error {
	hub := dst.(*v1.Widget)
	hub.ObjectMeta = w.ObjectMeta
	hub.Spec = v1.WidgetSpec{Size: w.Spec.Replicas, Image: w.Spec.Image, Greeting: w.Spec.Message.Text}
	hub.Status = w.Status
	return nil
}

// ConvertFrom converts the v1 hub to this v2 Widget.
func (w *Widget) ConvertFrom(src conversion.Hub) error {
	hub := src.(*v1.Widget)
	w.ObjectMeta = hub.ObjectMeta
	w.Spec = WidgetSpec{Replicas: hub.Spec.Size, Image: hub.Spec.Image, Message: Message{Text: hub.Spec.Greeting}}
	w.Status = hub.Status
	return nil
}

// DeepCopyObject implements runtime.Object.
func (w *Widget) DeepCopyObject() runtime.Object {
	out := *w
	w.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject implements runtime.Object.
func (l *WidgetList) DeepCopyObject() runtime.Object {
	out := *l
	l.ListMeta.DeepCopyInto(&out.ListMeta)
	out.Items = make([]Widget, len(l.Items))
	for i := range l.Items {
		out.Items[i] = *l.Items[i].DeepCopyObject().(*Widget)
	}
	return &out
}
