/**
 * Doc-comment markers in kubebuilder's syntax, without its `kubebuilder:` prefix:
 * `+optional`, `+default=medium`, `+minimum=0`, `+pattern=^[a-z]+$`, `+listMapKey=type`,
 * `+subresource:status`, `+printcolumn:name=Color,type=string,JSONPath=.spec.color`,
 * `+XValidation:rule="self == oldSelf",message="field is immutable"`. Everything else in the comment
 * is the description, as controller-gen reads Go comments.
 */
export interface Marker {
  /** `default`, `subresource:status`, `printcolumn` … */
  name: string;
  /** What follows `=` (`+default=medium`), raw. */
  value?: string;
  /** `key=value` arguments after `name:` (`+printcolumn:name=Color,type=string`). */
  args?: Record<string, string>;
}

export interface DocComment {
  description: string;
  markers: Marker[];
}

/** The text of the doc comment right before a declaration (`/** … *\/`), or '' without one. */
export function docCommentText(sourceText: string, ranges: { pos: number; end: number }[] | undefined): string {
  const last = ranges?.filter((r) => sourceText.startsWith('/**', r.pos)).pop();
  if (!last) return '';
  return sourceText
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((l) => l.replace(/^\s*\*? ?/, '').trimEnd())
    .join('\n');
}

export function parseDocComment(text: string): DocComment {
  const description: string[] = [];
  const markers: Marker[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (/^\+[A-Za-z]/.test(t)) markers.push(parseMarker(t.slice(1)));
    else description.push(t);
  }
  // Lines join with spaces; a blank line starts a paragraph (controller-gen does the same for Go comments).
  const paragraphs = description
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  return { description: paragraphs.join('\n\n'), markers };
}

function parseMarker(text: string): Marker {
  const eq = text.indexOf('=');
  const colon = text.indexOf(':');
  // `+name=value`: the value is everything after the first `=` (a pattern may hold any character).
  if (eq >= 0 && (colon < 0 || eq < colon)) return { name: text.slice(0, eq), value: text.slice(eq + 1).trim() };
  // `+name:sub` with no arguments (`+subresource:status`), or `+name:k=v,k=v`.
  const rest = colon >= 0 ? text.slice(colon + 1) : '';
  if (colon < 0 || !rest.includes('=')) return { name: text };
  return { name: text.slice(0, colon), args: parseArgs(rest) };
}

/** `k=v,k="v, with comma",k=a;b`: values may be double-quoted (JSON string escapes apply inside). */
function parseArgs(text: string): Record<string, string> {
  const args: Record<string, string> = {};
  const re = /\s*([A-Za-z][A-Za-z0-9]*)=("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    args[m[1]] = m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2].trim();
    if (m[0] === '') break;
  }
  return args;
}

export const markerValues = (markers: Marker[], name: string): string[] => markers.filter((m) => m.name === name && m.value !== undefined).map((m) => m.value as string);
export const hasMarker = (markers: Marker[], name: string): boolean => markers.some((m) => m.name === name);
