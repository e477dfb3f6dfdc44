/**
 * A CSV reader with encoding/csv's rules and error texts (kube's token file is read with it):
 * comma-separated fields, double-quoted fields may hold commas, newlines and "" for a quote, blank
 * lines are skipped, records may have any number of fields (FieldsPerRecord = -1).
 */
export class CSVParseError extends Error {
  constructor(
    readonly startLine: number,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(
      startLine !== line ? `record on line ${startLine}; parse error on line ${line}, column ${column}: ${reason}` : `parse error on line ${line}, column ${column}: ${reason}`,
    );
  }
}

const bareQuote = 'bare " in non-quoted-field';
const quoteError = 'extraneous or missing " in quoted-field';

export function parseCSV(text: string): string[][] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records: string[][] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i] === '') {
      i++;
      continue;
    }
    const startLine = i + 1;
    const record: string[] = [];
    let line = lines[i];
    let pos = 0;
    for (;;) {
      if (line[pos] !== '"') {
        const end = line.indexOf(',', pos);
        const field = end < 0 ? line.slice(pos) : line.slice(pos, end);
        const quote = field.indexOf('"');
        if (quote >= 0) throw new CSVParseError(startLine, i + 1, pos + quote + 1, bareQuote);
        record.push(field);
        if (end < 0) break;
        pos = end + 1;
        continue;
      }
      // A quoted field, possibly spanning lines.
      let field = '';
      pos++;
      for (;;) {
        const quote = line.indexOf('"', pos);
        if (quote < 0) {
          field += line.slice(pos) + '\n';
          i++;
          if (i >= lines.length) throw new CSVParseError(startLine, i, line.length + 1, quoteError);
          line = lines[i];
          pos = 0;
          continue;
        }
        field += line.slice(pos, quote);
        pos = quote + 1;
        if (line[pos] === '"') {
          field += '"';
          pos++;
          continue;
        }
        if (pos < line.length && line[pos] !== ',') throw new CSVParseError(startLine, i + 1, pos, quoteError);
        break;
      }
      record.push(field);
      if (pos >= line.length) break;
      pos++;
    }
    records.push(record);
    i++;
  }
  return records;
}
