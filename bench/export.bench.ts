/**
 * The companies CSV export (`GET /api/v1/companies/export.csv`, staff, Russian) of 1,000,000 companies made by
 * import-test-data on PostgreSQL, over real HTTP, beside a bare `COPY (select …) TO STDOUT` of the same rows and
 * columns through pg-copy-streams: the least any export of them can cost. The export reads in keyset chunks of
 * 5,000 rows and writes each as the socket takes it. That it holds one chunk at a time, whatever the length,
 * shows in the memory figures: the heap (after a full GC) and the RSS at their peak above their values just
 * before, for the whole export and for an export of about a tenth of the rows.
 * `EXPORT_BENCH_COMPANIES=100000 npm run bench export` is a quicker dry run.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { COMPANY_LEVELS } from "../src/db/schema.js";
import { importTestData } from "../src/seed/import.js";
import { openSendQueue } from "../src/worker.js";
import { openBenchDatabase } from "./bench-database.js";

const COMPANIES = Number(process.env.EXPORT_BENCH_COMPANIES ?? 1_000_000);
const SEED = 1;
/** The export may take this many times the bare COPY. */
const TARGET_RATIO = 6;
/** Constant memory: the whole export's heap peak may exceed that of a tenth of it by this much at most. */
const TARGET_HEAP_MARGIN_MB = 16;

const mb = (bytes: number) => bytes / 2 ** 20;
const seconds = (start: number) => (performance.now() - start) / 1000;

/** A sink that counts what it is given: bytes and line feeds. */
function counter() {
  const seen = { bytes: 0, lines: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      seen.bytes += chunk.length;
      for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) seen.lines += 1;
      done();
    },
  });
  return { seen, sink };
}

// A full collection on demand, so that the heap figure is what is still held and not garbage not yet collected.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/**
 * While `work` runs, sampled every 100 ms: the peak RSS and, with `collect`, the peak of the heap right after a
 * full collection (what is still held), both above their values at the start. The collections slow the work
 * down, so the timed run goes without them.
 */
async function peakMemoryDuring<T>(work: () => Promise<T>, collect: boolean) {
  collectGarbage();
  const before = process.memoryUsage();
  const peak = { heap: 0, rss: 0 };
  const sample = () => {
    peak.rss = Math.max(peak.rss, process.memoryUsage().rss - before.rss);
    if (!collect) return;
    collectGarbage();
    peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed - before.heapUsed);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    return { result, heapGrowth: peak.heap, rssGrowth: peak.rss, rssBefore: before.rss };
  } finally {
    clearInterval(timer);
  }
}

function download(port: number, path: string, token: string) {
  return new Promise<{ seen: { bytes: number; lines: number }; status: number }>((resolve, reject) => {
    const request = http.get(
      {
        host: "127.0.0.1",
        port,
        path,
        headers: { authorization: `Bearer ${token}`, "accept-language": "ru" },
      },
      (response) => {
        const { seen, sink } = counter();
        pipeline(response, sink).then(() => resolve({ seen, status: response.statusCode ?? 0 }), reject);
      },
    );
    request.on("error", reject);
  });
}

/** The export's rows and columns, as one COPY: the same join and order, the values in PostgreSQL's text form. */
const COPY_SQL = `copy (
  select c.id, c.name, c.email, c.country, c.city, c.street, c.house_number, c.level, c.supplier_id, s.name,
    c.debt, c.created_at
  from companies c left join companies s on s.id = c.supplier_id
  order by c.id
) to stdout with (format csv, delimiter ';')`;

async function bareCopy(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    const { seen, sink } = counter();
    await pipeline(client.query(copyTo(COPY_SQL)), sink);
    return seen;
  } finally {
    client.release();
  }
}

const benchDatabase = await openBenchDatabase("export", 4);
const { url: databaseUrl, database } = benchDatabase;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
try {
  const importStart = performance.now();
  await importTestData(database, { companies: COMPANIES, seed: SEED });
  await database.executeSql("vacuum analyze companies");
  console.log(`  imported ${COMPANIES} companies in ${seconds(importStart).toFixed(0)} s`);
  const { rows } = await database.executeSql<{ id: number }>(
    "insert into users (email, role) values ('bench-staff@example.com', 'staff') returning id",
  );
  const config = loadConfig({ logLevel: "silent", databaseUrl, host: "127.0.0.1", port: 0 });
  const jobs = await openSendQueue({ config, database });
  app = await buildApp({ config, database, jobs });
  app.addHook("onClose", () => jobs.stop());
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const token = app.jwt.sign({ sub: String(rows[0]?.id), role: "staff", company_id: null });
  const pool = database.pool as pg.Pool;

  // A first COPY warms the cache with the table's pages, for both sides alike.
  await bareCopy(pool);
  const copyStart = performance.now();
  const copied = await bareCopy(pool);
  const copySeconds = seconds(copyStart);

  // About a tenth of the rows first (the level nearest to it): the whole export should hold no more than this.
  const { rows: byLevel } = await database.executeSql<{ level: number; count: number }>(
    "select level, count(*)::int as count from companies group by level",
  );
  const distance = (row: { count: number }) => Math.abs(row.count - COMPANIES / 10);
  const part = byLevel.reduce((best, row) => (distance(row) < distance(best) ? row : best));
  const partLevel = COMPANY_LEVELS[part.level];
  const exportPath = "/api/v1/companies/export.csv";
  const partExport = await peakMemoryDuring(
    () => download(port, `${exportPath}?level=${partLevel}`, token),
    true,
  );
  const heldExport = await peakMemoryDuring(() => download(port, exportPath, token), true);

  const exportStart = performance.now();
  const exported = await peakMemoryDuring(() => download(port, exportPath, token), false);
  const exportSeconds = seconds(exportStart);
  const { seen, status } = exported.result;
  // Line breaks inside quoted values count in both, so the two agree line for line, the header aside.
  if (status !== 200 || seen.lines !== copied.lines + 1) {
    throw new Error(`export answered ${status} with ${seen.lines} lines; the COPY gave ${copied.lines}`);
  }

  const ratio = exportSeconds / copySeconds;
  console.log(
    `export ${COMPANIES} companies as CSV over HTTP: ${exportSeconds.toFixed(1)} s, ` +
      `${(COMPANIES / exportSeconds / 1000).toFixed(0)}k rows/s, ${mb(seen.bytes / exportSeconds).toFixed(1)} MB/s ` +
      `(${mb(seen.bytes).toFixed(0)} MB) | bare COPY of the same rows: ${copySeconds.toFixed(1)} s ` +
      `(${mb(copied.bytes).toFixed(0)} MB) | ratio ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x) ` +
      `${ratio <= TARGET_RATIO ? "OK" : "MISSED"}`,
  );
  const heapGrowth = mb(heldExport.heapGrowth);
  const partHeap = mb(partExport.heapGrowth);
  const heapOk = heapGrowth <= partHeap + TARGET_HEAP_MARGIN_MB;
  console.log(
    `  memory above the start, at its peak: the timed export RSS +${mb(exported.rssGrowth).toFixed(1)} MB over ` +
      `${mb(exported.rssBefore).toFixed(0)} MB | heap after a full GC every 100 ms: whole export ` +
      `+${heapGrowth.toFixed(1)} MB (RSS +${mb(heldExport.rssGrowth).toFixed(1)} MB), export of ${part.count} rows ` +
      `(level=${partLevel}) +${partHeap.toFixed(1)} MB | the whole within ${TARGET_HEAP_MARGIN_MB} MB of the part ` +
      `${heapOk ? "OK" : "MISSED"} (the client reading it runs in the same process)`,
  );
  if (ratio > TARGET_RATIO || !heapOk) process.exitCode = 1;
} finally {
  await app?.close();
  await benchDatabase.drop();
}
