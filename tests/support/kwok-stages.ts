import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './kapi-process';
import { testPKI } from './test-pki';

/**
 * kwok's default pod stages complete only pods a Job owns: without a container runtime nothing says
 * when a bare pod's process exits. A pod that runs once (`restartPolicy: Never`) and has no owner —
 * a `helm test` hook, a one-off `kubectl run --restart=Never` — would stay Running forever, where a
 * kubelet would report its container exited 0. This stage is that report: such a pod, Running for a
 * second, becomes Succeeded with its containers terminated `Completed`.
 */
const runOncePodCompletes = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-run-once-complete
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.metadata.ownerReferences'
      operator: 'DoesNotExist'
    - key: '.spec.restartPolicy'
      operator: 'In'
      values: ['Never']
    - key: '.status.phase'
      operator: 'In'
      values: ['Running']
  delay:
    durationMilliseconds: 1000
  next:
    statusTemplate: |
      {{ $at := Now | Quote }}
      phase: Succeeded
      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}
        ready: false
        started: false
        restartCount: 0
        state:
          terminated:
            exitCode: 0
            reason: Completed
            startedAt: {{ $at }}
            finishedAt: {{ $at }}
      {{ end }}
`;

/** The directory of the kwok module tools/kwok pins (downloaded to GOMODCACHE when missing). */
function kwokModuleDir(): string {
  const out = execFileSync('go', ['mod', 'download', '-json', 'sigs.k8s.io/kwok'], {
    cwd: path.join(repoRoot, 'tools/kwok'),
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

/**
 * A kwok config file: kwok's own fast pod stages (ready, Job pods complete, delete), read from the
 * kwok module itself so they are exactly the defaults, plus the run-once completion above. Passing
 * any pod Stage replaces all of kwok's defaults for pods, hence the defaults are included.
 */
export async function kwokConfigCompletingRunOncePods(): Promise<string> {
  const fast = path.join(kwokModuleDir(), 'kustomize/stage/pod/fast');
  const stages = ['pod-ready.yaml', 'pod-complete.yaml', 'pod-delete.yaml'].map((f) => readFileSync(path.join(fast, f), 'utf8'));
  const file = path.join((await testPKI()).dir, 'kwok-stages-run-once.yaml');
  writeFileSync(file, [...stages, runOncePodCompletes].map((s) => s.trim()).join('\n---\n') + '\n');
  return file;
}
