/**
 * An RFC 4180 reader for the tests, written apart from src/http/csv.ts so that a mistake in the writer is not
 * mirrored here: quoted fields may hold the delimiter, CRLF and doubled quotes; every record ends with CRLF.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"' && field === "") {
      const end = closingQuote(text, index + 1);
      field = text.slice(index + 1, end).replaceAll('""', '"');
      index = end + 1;
      const next = text[index];
      if (next !== delimiter && next !== "\r") throw new Error(`text after a closing quote at ${index}`);
      continue;
    }
    if (char === delimiter) {
      record.push(field);
      field = "";
      index += 1;
    } else if (char === "\r") {
      if (text[index + 1] !== "\n") throw new Error(`a CR without LF at ${index}`);
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      index += 2;
    } else if (char === "\n" || char === '"') {
      throw new Error(`a bare ${JSON.stringify(char)} outside quotes at ${index}`);
    } else {
      field += char;
      index += 1;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("the last record does not end with CRLF");
  return records;
}

function closingQuote(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] !== '"') continue;
    if (text[index + 1] === '"') index += 1;
    else return index;
  }
  throw new Error(`an unclosed quote from ${from - 1}`);
}
