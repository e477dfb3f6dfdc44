package widget

import (
	"context"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
)

// Reconciler keeps a Widget's ConfigMap (<name>-config) and Deployment (<name>) as its spec says,
// both with the Widget as controller owner, and records what it did in the status.
type Reconciler struct {
	client.Client
}

// SetupWithManager watches Widgets and the objects they own.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&Widget{}).
		Owns(&corev1.ConfigMap{}).
		Owns(&appsv1.Deployment{}).
		Complete(r)
}

// Reconcile brings one Widget's owned objects to its spec.
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	var w Widget
	if err := r.Get(ctx, req.NamespacedName, &w); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: w.Name + "-config", Namespace: w.Namespace}}
	if _, err := controllerutil.CreateOrUpdate(ctx, r.Client, cm, func() error {
		cm.Data = map[string]string{"greeting": w.Spec.Greeting}
		return controllerutil.SetControllerReference(&w, cm, r.Scheme())
	}); err != nil {
		return ctrl.Result{}, err
	}
	dep := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: w.Name, Namespace: w.Namespace}}
	if _, err := controllerutil.CreateOrUpdate(ctx, r.Client, dep, func() error {
		labels := map[string]string{"widget": w.Name}
		replicas := w.Spec.Size
		dep.Spec.Replicas = &replicas
		if dep.Spec.Selector == nil {
			dep.Spec.Selector = &metav1.LabelSelector{MatchLabels: labels}
		}
		dep.Spec.Template.Labels = labels
		if len(dep.Spec.Template.Spec.Containers) == 0 {
			dep.Spec.Template.Spec.Containers = []corev1.Container{{Name: "app"}}
		}
		dep.Spec.Template.Spec.Containers[0].Image = w.Spec.Image
		return controllerutil.SetControllerReference(&w, dep, r.Scheme())
	}); err != nil {
		return ctrl.Result{}, err
	}
	// The status is written through the status subresource; a conflict (someone else wrote the
	// Widget since our read) is retried on a fresh copy, as controllers must.
	return ctrl.Result{}, retry.RetryOnConflict(retry.DefaultRetry, func() error {
		var cur Widget
		if err := r.Get(ctx, req.NamespacedName, &cur); err != nil {
			return err
		}
		cur.Status.ObservedGeneration = cur.Generation
		cur.Status.ConfigMap = cm.Name
		cur.Status.Reconciles++
		err := r.Status().Update(ctx, &cur)
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	})
}
