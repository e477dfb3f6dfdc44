import type { PodTemplateSpec } from '@kapi/registry-apps';

/** layoutContainerCells: the CONTAINERS and IMAGES cells of `-o wide`, comma-separated in template order. */
export function containerCells(template: PodTemplateSpec | undefined): { names: string; images: string } {
  const containers = template?.spec?.containers ?? [];
  return { names: containers.map((c) => c.name ?? '').join(','), images: containers.map((c) => c.image ?? '').join(',') };
}
