/** Test-side JSON reading: responses are checked field by field, so they are loosely typed here. */
import type { J } from '@kapi/apiserver-core';
export type Json = J;

export async function readJSON(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

export async function getJSON(url: string): Promise<Json> {
  return readJSON(await fetch(url));
}
