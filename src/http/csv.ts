import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { Type } from "typebox";
import type { Language } from "../config.js";
import { type Message, translate } from "../i18n/translate.js";

/**
 * How many rows one query of an export reads: big enough that a million rows take 200 short queries, small
 * enough that a chunk and its text stay a few megabytes.
 */
export const EXPORT_CHUNK_ROWS = 5000;

/** An exact decimal (money) as its SQL numeric's text: written with the decimal separator of the file's language. */
export interface CsvDecimal {
  readonly decimal: string;
}

export const csvDecimal = (text: string): CsvDecimal => ({ decimal: text });

/** What a cell holds: text as it is, words to translate (a level, yes/no), an exact decimal, or nothing. */
export type CsvValue = string | number | Message | CsvDecimal | null;

export interface CsvColumn<Row> {
  header: Message;
  value: (row: Row) => CsvValue;
}

/** An export: its columns, and its rows in chunks (see keysetChunks), read only as the client takes them. */
export interface CsvTable<Row> {
  columns: readonly CsvColumn<Row>[];
  chunks: AsyncIterable<Row[]>;
}

/**
 * Excel splits a file on the list separator of its locale: `,` in English, `;` in Russian (where `,` is the
 * decimal comma). A file in the user's language opens in their Excel without the import wizard.
 */
const DELIMITERS: Record<Language, string> = { en: ",", ru: ";" };

/**
 * The decimal separator that goes with that list separator. A Russian Excel reads "12.05" as the 12th of May,
 * so there money is written "12,05" (the text is only re-punctuated: no digit is rounded).
 */
const DECIMAL_SEPARATORS: Record<Language, string> = { en: ".", ru: "," };

/** Without the BOM, Excel reads UTF-8 as the locale's code page, and Cyrillic comes out garbled. */
const BOM = "\uFEFF";
/** RFC 4180's line end. */
const EOL = "\r\n";

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, and tab or CR, which some spreadsheets skip
 * before one) gets a leading apostrophe, as OWASP advises, so that a spreadsheet takes it for text and does not
 * evaluate it. Quoting alone does not help, since a spreadsheet unquotes first. Ids, money and dates are never
 * negative, so only text that people typed is ever touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Quoted when it holds a quote, a line break, or either delimiter, so the file reads the same with both. */
const NEEDS_QUOTES = /[",;\r\n]/;

function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(value: Exclude<CsvValue, null>, language: Language): string {
  if (typeof value !== "object") return String(value);
  if ("decimal" in value) return value.decimal.replace(".", DECIMAL_SEPARATORS[language]);
  return translate(value, language);
}

function csvLine(values: CsvValue[], delimiter: string, language: Language): string {
  return (
    values.map((value) => (value === null ? "" : csvCell(cellText(value, language)))).join(delimiter) + EOL
  );
}

/** The file's text, a chunk of rows at a time: the BOM and the header line, then one string per chunk. */
async function* csvText<Row>(
  table: CsvTable<Row>,
  language: Language,
  first: IteratorResult<Row[]>,
  rest: AsyncIterator<Row[]>,
): AsyncGenerator<string> {
  const delimiter = DELIMITERS[language];
  yield BOM +
    csvLine(
      table.columns.map((column) => column.header),
      delimiter,
      language,
    );
  try {
    for (let chunk = first; !chunk.done; chunk = await rest.next()) {
      yield chunk.value
        .map((row) =>
          csvLine(
            table.columns.map((column) => column.value(row)),
            delimiter,
            language,
          ),
        )
        .join("");
    }
  } finally {
    await rest.return?.(); // when the client went away, the reading stops here
  }
}

/**
 * Answers an export as a streamed CSV download. The first chunk is read before the answer starts, so that a
 * database that is down is still answered as any request is (a 503), not as a cut-off file. After that, the
 * stream asks for a chunk only when the socket has taken the last one (Readable.from pulls on demand), so
 * memory holds the chunk being written and the one read ahead, whatever the length; a client that goes away
 * stops the reading.
 */
export async function sendCsv<Row>(reply: FastifyReply, name: string, table: CsvTable<Row>) {
  const date = new Date().toISOString().slice(0, 10);
  reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}-${date}.csv"`);
  // Fastify answers HEAD by draining the GET's stream: a whole export read for nothing, so none is made.
  if (reply.request.method === "HEAD") return reply.send();
  const rows = table.chunks[Symbol.asyncIterator]();
  const first = await rows.next();
  return reply.send(
    Readable.from(csvText(table, reply.request.language, first, rows), { objectMode: false }),
  );
}

/** An export's 200, documented as what it is (Fastify does not serialize a stream, so no schema checks it). */
export const CsvResponse = {
  description:
    "CSV (RFC 4180) in UTF-8 with a BOM: headers in your language, `,` between values and `.` before the " +
    "kopecks in English, `;` and `,` in Russian; a value starting with = + - @ gets a leading apostrophe",
  content: { "text/csv": { schema: Type.String() } },
};
