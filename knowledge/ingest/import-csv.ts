/**
 * A small RFC 4180 CSV reader for `kb import`: comma-separated, fields optionally in double quotes, a
 * quote inside a quoted field written twice, commas and line breaks allowed inside quotes. Each record
 * keeps the line it starts on so a rejected row can be found in the file.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

/** The file cannot be read as CSV from this point on (an unterminated quote); the message is safe to print. */
export class CsvError extends Error {
  readonly code = 'CSV_MALFORMED';
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (c === '\r' && input[i + 1] === '\n') {
        field += '\n';
        line += 1;
        i += 2;
        continue;
      }
      if (c === '\n' || c === '\r') line += 1;
      field += c === '\r' ? '\n' : c;
      i += 1;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    // A stray quote in the middle of an unquoted field is kept as text, as most spreadsheets do.
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted field is never closed (a " is missing)`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
