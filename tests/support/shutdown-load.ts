/**
 * Load for the graceful-termination tests: writers that create and update ConfigMaps and remember
 * what the server acknowledged, readers, watches that record their events and how their stream
 * ended, and a /readyz poller. Every outcome is classified, so a test can tell an answer from a
 * refused connection.
 */

const ns = 'default';

/** A write the server answered 201 or 200, with the resourceVersion it assigned. */
export interface AckedWrite {
  name: string;
  value: string;
  resourceVersion: string;
  at: number;
}

export interface LoadOutcome {
  acked: AckedWrite[];
  /** Writes whose answer never came (the connection broke): each may or may not have been applied. */
  uncertain: { name: string; value: string }[];
  /** Every 5xx answer: method, path, status, body. */
  serverErrors: string[];
  /** 429s during shutdown, and whether each carried Retry-After. */
  retryAfter: { at: number; retryAfter: string | null }[];
  /** Requests the server never took: connection refused. */
  refused: { at: number }[];
  /** Requests on a connection the server closed before answering (a kept-alive connection it had just found idle). */
  broken: { at: number; error: string; what: string }[];
  reads: number;
}

export function newOutcome(): LoadOutcome {
  return { acked: [], uncertain: [], serverErrors: [], retryAfter: [], refused: [], broken: [], reads: 0 };
}

type Answer = { status: number; body: Record<string, unknown> | string; retryAfter: string | null } | { error: string };

async function call(url: string, method: string, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: Record<string, unknown> | string = text;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* text/plain answers (429 during shutdown) stay text */
    }
    return { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? (err as Error).message };
  }
}

/** Files an answer that is not a success; returns false so the caller stops. */
function classify(out: LoadOutcome, what: string, answer: Answer): false {
  const at = Date.now();
  if ('error' in answer) {
    if (answer.error === 'ECONNREFUSED') out.refused.push({ at });
    else out.broken.push({ at, error: answer.error, what });
  } else if (answer.status === 429) {
    out.retryAfter.push({ at, retryAfter: answer.retryAfter });
  } else if (answer.status >= 500) {
    out.serverErrors.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  } else {
    out.serverErrors.push(`${what}: unexpected ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return false;
}

const cm = (name: string, value: string, resourceVersion?: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(resourceVersion ? { resourceVersion } : {}) },
  data: { value },
});

/** One writer: creates w<id>-<n>, updates it once, next n; stops at the first answer that is not a success. */
export async function writer(base: string, id: number, out: LoadOutcome, stopped: () => boolean): Promise<void> {
  const coll = `${base}/api/v1/namespaces/${ns}/configmaps`;
  for (let n = 0; !stopped(); n++) {
    const name = `w${id}-${n}`;
    let value = `${name}/created`;
    let answer = await call(coll, 'POST', cm(name, value));
    if ('error' in answer && answer.error !== 'ECONNREFUSED') out.uncertain.push({ name, value });
    if ('error' in answer || answer.status !== 201) return void classify(out, `POST ${name}`, answer);
    let rv = (answer.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    out.acked.push({ name, value, resourceVersion: rv, at: Date.now() });
    value = `${name}/updated`;
    answer = await call(`${coll}/${name}`, 'PUT', cm(name, value, rv));
    if ('error' in answer && answer.error !== 'ECONNREFUSED') out.uncertain.push({ name, value });
    if ('error' in answer || answer.status !== 200) return void classify(out, `PUT ${name}`, answer);
    rv = (answer.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    out.acked.push({ name, value, resourceVersion: rv, at: Date.now() });
  }
}

/** One reader: lists and gets until an answer is not a success. */
export async function reader(base: string, out: LoadOutcome, stopped: () => boolean): Promise<void> {
  const coll = `${base}/api/v1/namespaces/${ns}/configmaps`;
  while (!stopped()) {
    const answer = await call(`${coll}?limit=20`, 'GET');
    if ('error' in answer || answer.status !== 200) return void classify(out, 'LIST', answer);
    out.reads++;
  }
}

export interface WatchOutcome {
  events: { type: string; name: string; value?: string; resourceVersion: string }[];
  /** 'end' when the stream ended with its last chunk; else the error that broke it. */
  ended: string;
  status?: number;
}

/** A watch of the namespace's ConfigMaps from `resourceVersion`, read until the server ends it. */
export async function watch(base: string, resourceVersion: string): Promise<WatchOutcome> {
  const out: WatchOutcome = { events: [], ended: '' };
  try {
    const res = await fetch(`${base}/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${resourceVersion}`);
    out.status = res.status;
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const ev = JSON.parse(buffered.slice(0, nl)) as { type: string; object: { metadata: { name: string; resourceVersion: string }; data?: { value?: string } } };
        buffered = buffered.slice(nl + 1);
        out.events.push({ type: ev.type, name: ev.object.metadata?.name, value: ev.object.data?.value, resourceVersion: ev.object.metadata?.resourceVersion });
      }
    }
    out.ended = buffered === '' ? 'end' : `end inside an event: ${buffered.slice(0, 100)}`;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    out.ended = `${(err as Error).message}: ${cause?.code ?? cause?.message ?? ''}`;
  }
  return out;
}

/** Polls /readyz until the server stops answering; returns each answer with its time. */
export async function pollReadyz(base: string): Promise<{ at: number; status: number; body: string }[]> {
  const seen: { at: number; status: number; body: string }[] = [];
  for (;;) {
    const answer = await call(`${base}/readyz`, 'GET');
    if ('error' in answer && answer.error === 'ECONNREFUSED') return seen;
    if (!('error' in answer)) seen.push({ at: Date.now(), status: answer.status, body: String(answer.body) });
    await new Promise((r) => setTimeout(r, 50));
  }
}
