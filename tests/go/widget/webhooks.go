package widget

import (
	"context"
	"fmt"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// DefaultImage is what the defaulting webhook sets when a Widget names no image.
const DefaultImage = "nginx:1.27"

// MaxSize is the largest size the validating webhook admits.
const MaxSize = 10

// Webhooks defaults and validates Widgets.
type Webhooks struct{}

// SetupWebhookWithManager serves both webhooks from the manager's webhook server at
// /mutate-demo-kapi-dev-v1-widget and /validate-demo-kapi-dev-v1-widget.
func (h Webhooks) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return ctrl.NewWebhookManagedBy(mgr, &Widget{}).WithDefaulter(h).WithValidator(h).Complete()
}

// Default sets the image.
func (Webhooks) Default(_ context.Context, w *Widget) error {
	if w.Spec.Image == "" {
		w.Spec.Image = DefaultImage
	}
	return nil
}

func validate(w *Widget) (admission.Warnings, error) {
	if w.Spec.Size > MaxSize {
		return nil, fmt.Errorf("spec.size %d is larger than %d", w.Spec.Size, MaxSize)
	}
	if w.Spec.Greeting == "" {
		return admission.Warnings{"spec.greeting is empty"}, nil
	}
	return nil, nil
}

// ValidateCreate refuses sizes over MaxSize.
func (Webhooks) ValidateCreate(_ context.Context, w *Widget) (admission.Warnings, error) {
	return validate(w)
}

// ValidateUpdate refuses sizes over MaxSize.
func (Webhooks) ValidateUpdate(_ context.Context, _, w *Widget) (admission.Warnings, error) {
	return validate(w)
}

// ValidateDelete admits every delete.
func (Webhooks) ValidateDelete(context.Context, *Widget) (admission.Warnings, error) { return nil, nil }
