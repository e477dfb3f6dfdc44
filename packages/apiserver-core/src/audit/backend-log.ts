import type { Logger } from 'pino';
import type { AuditBackend } from './backend';
import { RotatingFile, type RotatingFileOptions } from './rotating-file';
import type { AuditUserInfo, Event } from './types';

/** --audit-log-format: one JSON Event per line (default), or kube's one-line legacy text. */
export type LogFormat = 'json' | 'legacy';
export const logFormats: readonly LogFormat[] = ['json', 'legacy'];

export interface LogBackendOptions extends RotatingFileOptions {
  /** --audit-log-path; "-" is standard output. */
  path: string;
  format: LogFormat;
  logger?: Logger;
}

interface LineWriter {
  write(line: string): void;
  close(): void;
}

/** plugin/pkg/audit/log: each event is written as one line when it is processed. */
export function newLogBackend(opts: LogBackendOptions): AuditBackend {
  const out: LineWriter = opts.path === '-' ? stdoutWriter() : new RotatingFile(opts.path, opts);
  if (out instanceof RotatingFile) out.open();
  return {
    name: 'log',
    processEvents(...events) {
      for (const ev of events) {
        try {
          out.write(`${opts.format === 'legacy' ? legacyLine(ev) : JSON.stringify(ev)}\n`);
        } catch (err) {
          // HandlePluginError: the request never fails for its audit line, the operator is told.
          opts.logger?.error({ err, auditID: ev.auditID, plugin: 'log' }, 'Error in audit plugin: failed to write event');
        }
      }
    },
    async shutdown() {
      out.close();
      if (out instanceof RotatingFile) await out.settled();
    },
  };
}

function stdoutWriter(): LineWriter {
  return { write: (line) => void process.stdout.write(line), close: () => undefined };
}

/** audit.EventString: the legacy format, Go's %q quoting (JSON string quoting for the printable ASCII kube sees). */
export function legacyLine(ev: Event): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (xs: string[]) => xs.map(q).join(',');
  const user: AuditUserInfo = ev.user;
  const username = user.username || '<none>';
  const groups = user.username && user.groups?.length ? list(user.groups) : '<none>';
  const asUser = ev.impersonatedUser ? (ev.impersonatedUser.username ?? '') : '<self>';
  const asGroups = ev.impersonatedUser?.groups ? list(ev.impersonatedUser.groups) : '<lookup>';
  const namespace = ev.objectRef?.namespace || '<none>';
  const response = ev.responseStatus?.code !== undefined ? String(ev.responseStatus.code) : '<deferred>';
  const ip = ev.sourceIPs?.[0] ?? '<unknown>';
  const received = ev.requestReceivedTimestamp.replace(/\.?0+Z$/, 'Z');
  return (
    `${received} AUDIT: id=${q(ev.auditID)} stage=${q(ev.stage)} ip=${q(ip)} method=${q(ev.verb)} user=${q(username)} ` +
    `groups=${q(groups)} as=${q(asUser)} asgroups=${q(asGroups)} user-agent=${q(ev.userAgent ?? '')} namespace=${q(namespace)} ` +
    `uri=${q(ev.requestURI)} response="${response}"`
  );
}
