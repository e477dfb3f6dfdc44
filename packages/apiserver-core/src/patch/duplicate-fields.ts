/**
 * Paths of keys that appear twice in one JSON object of `text` (`metadata.name`,
 * `spec.containers[0].image`), which JSON.parse silently resolves to the last value and
 * kube-apiserver's strict decoder reports. Text that is not JSON (YAML) yields none.
 */
export function findDuplicateFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const key = str();
        const p = path ? `${path}.${key}` : key;
        if (seen.has(key)) out.push(p);
        seen.add(key);
        ws();
        i++; // ':'
        value(p);
        ws();
        if (text[i++] !== ',') return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (text[i++] !== ',') return;
      }
    }
    if (c === '"') return void str();
    while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
  };
  try {
    ws();
    if (text[i] !== '{' && text[i] !== '[') return [];
    value('');
  } catch {
    return [];
  }
  return out;
}
