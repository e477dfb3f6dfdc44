import { StoreInformer, type Lister, type Storage, type Watcher } from '@kapi/apiserver-core';
import type { APIService } from './apis/apiservice/types';

/**
 * The APIService lister the aggregator's parts share (kube-aggregator's informer): the proxy looks
 * up a request's group-version here, the availability controller and remote discovery follow it.
 */
export class APIServiceCache {
  private readonly byName = new Map<string, APIService>();
  private readonly byGroupVersion = new Map<string, APIService>();
  private readonly listeners: (() => void)[] = [];
  private readonly informer: StoreInformer;

  constructor(store: Storage) {
    this.informer = new StoreInformer(store as Storage & Lister & Watcher, {
      replace: (items) => {
        this.byName.clear();
        for (const o of items) this.byName.set(o.metadata?.name ?? '', o as APIService);
        this.changed();
      },
      upsert: (o) => {
        this.byName.set(o.metadata?.name ?? '', o as APIService);
        this.changed();
      },
      remove: (o) => {
        this.byName.delete(o.metadata?.name ?? '');
        this.changed();
      },
    });
  }

  start(): void {
    this.informer.start();
  }

  stop(): void {
    this.informer.stop();
  }

  waitForSync(): Promise<void> {
    return this.informer.waitForSync();
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  list(): APIService[] {
    return [...this.byName.values()];
  }

  get(name: string): APIService | undefined {
    return this.byName.get(name);
  }

  forGroupVersion(group: string, version: string): APIService | undefined {
    return this.byGroupVersion.get(`${group}/${version}`);
  }

  private changed(): void {
    this.byGroupVersion.clear();
    for (const s of this.byName.values()) this.byGroupVersion.set(`${s.spec?.group ?? ''}/${s.spec?.version ?? ''}`, s);
    for (const fn of this.listeners) fn();
  }
}
