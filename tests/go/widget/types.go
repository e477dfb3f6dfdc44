// Package widget is a small kubebuilder-style operator used by the controller-runtime and envtest
// suites: a namespaced Widget custom resource (demo.kapi.dev/v1) that owns a ConfigMap and a
// Deployment, with a defaulting and a validating webhook.
package widget

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

// GroupVersion is the API group and version of Widget.
var GroupVersion = schema.GroupVersion{Group: "demo.kapi.dev", Version: "v1"}

// SchemeBuilder registers Widget and WidgetList.
var SchemeBuilder = &scheme.Builder{GroupVersion: GroupVersion}

// AddToScheme adds the Widget types to a scheme.
var AddToScheme = SchemeBuilder.AddToScheme

func init() { SchemeBuilder.Register(&Widget{}, &WidgetList{}) }

// WidgetSpec is what the user asks for.
type WidgetSpec struct {
	// Size is the replica count of the owned Deployment (the validating webhook allows 0..10).
	Size int32 `json:"size"`
	// Image of the Deployment's container (the defaulting webhook sets it when empty).
	Image string `json:"image,omitempty"`
	// Greeting is written into the owned ConfigMap.
	Greeting string `json:"greeting,omitempty"`
}

// WidgetStatus is what the reconciler observed.
type WidgetStatus struct {
	ObservedGeneration int64  `json:"observedGeneration,omitempty"`
	ConfigMap          string `json:"configMap,omitempty"`
	Reconciles         int64  `json:"reconciles,omitempty"`
	Touches            int64  `json:"touches,omitempty"`
}

// Widget is the custom resource.
type Widget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              WidgetSpec   `json:"spec,omitempty"`
	Status            WidgetStatus `json:"status,omitempty"`
}

// WidgetList is a list of Widgets.
type WidgetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Widget `json:"items"`
}

// DeepCopyObject implements runtime.Object.
func (w *Widget) DeepCopyObject() runtime.Object { return w.DeepCopy() }

// DeepCopy copies the Widget (its spec and status hold only values).
func (w *Widget) DeepCopy() *Widget {
	if w == nil {
		return nil
	}
	out := *w
	w.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject implements runtime.Object.
func (l *WidgetList) DeepCopyObject() runtime.Object {
	if l == nil {
		return nil
	}
	out := *l
	l.ListMeta.DeepCopyInto(&out.ListMeta)
	out.Items = make([]Widget, len(l.Items))
	for i := range l.Items {
		out.Items[i] = *l.Items[i].DeepCopy()
	}
	return &out
}

// Hub marks v1 as the version the others convert through (controller-runtime's conversion.Hub).
func (*Widget) Hub() {}
