import type { ControllerContext, ControllerDescriptor, InProcessController } from './controller-context';
import { LeaderElector, type LeaderElectionConfig } from './leaderelection/leader-elector';
import { LeaseLock } from './leaderelection/lease-lock';

/**
 * The in-process controller manager: kube-apiserver's own loops start in every instance; the
 * kube-controller-manager ones run only while this instance holds the leader Lease, each term with
 * fresh controllers (a stopped controller stays stopped), as a restarted kube-controller-manager would.
 */
export class ControllerManager {
  private readonly perInstance: InProcessController[] = [];
  private elected: InProcessController[] = [];
  private elector?: LeaderElector;

  constructor(
    private readonly descriptors: ControllerDescriptor[],
    private readonly ctx: ControllerContext,
    private readonly leaderElection: LeaderElectionConfig,
  ) {}

  /** The Lease holder identity, when leader election is on. */
  get leaderIdentity(): string | undefined {
    return this.elector?.identity;
  }

  get isLeader(): boolean {
    return this.elector?.isLeader ?? true;
  }

  start(): void {
    for (const d of this.descriptors.filter((x) => !x.leaderElected)) {
      const c = d.build(this.ctx);
      c.start();
      this.perInstance.push(c);
    }
    const elected = this.descriptors.filter((x) => x.leaderElected);
    if (elected.length === 0) return;
    // Without the coordination.k8s.io leases API (--runtime-config turned it off) there is nothing to elect
    // through: this instance runs them, as with --leader-elect=false.
    const leases = this.ctx.groups.get('coordination.k8s.io')?.versionedResourcesStorageMap.v1?.leases;
    if (!this.leaderElection.leaderElect || !leases) {
      this.startElected(elected);
      return;
    }
    const lock = new LeaseLock(this.ctx.groups, this.leaderElection.resourceNamespace, this.leaderElection.resourceName);
    this.elector = new LeaderElector(
      lock,
      this.ctx.identity,
      this.leaderElection,
      {
        onStartedLeading: () => this.startElected(elected),
        onStoppedLeading: () => void this.stopElected(),
      },
      this.ctx.clock,
    );
    this.elector.start();
  }

  async stop(): Promise<void> {
    // The controllers stop before the Lease is released, so a successor never overlaps with them.
    await this.stopElected();
    await this.elector?.stop();
    await Promise.all(this.perInstance.splice(0).map((c) => c.stop()));
  }

  private startElected(descriptors: ControllerDescriptor[]): void {
    this.elected = descriptors.map((d) => d.build(this.ctx));
    for (const c of this.elected) c.start();
  }

  private async stopElected(): Promise<void> {
    await Promise.all(this.elected.splice(0).map((c) => c.stop()));
  }
}
