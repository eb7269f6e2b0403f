/**
 * Mail on PostgreSQL: one worker drains a backlog of 1,000 queued QR emails (as after an SMTP outage) into a
 * local SMTP server in this process, with WORKER_CONCURRENCY (default 4) and with 1. The baseline sends the
 * same 1,000 messages (the same QR built the same way, the same mailer) straight to the same server, as many at
 * a time, with no queue and no database: what is left is the cost of the queue and the job's lookups.
 * smtp-server, like many MTAs, waits 100 ms before its greeting (to catch clients that talk too soon): a sender
 * that opens a connection per message cannot pass about 10 messages a second per connection in flight.
 */
import { loadConfig } from "../src/config.js";
import { addressText, type PostalAddress, qrPng } from "../src/mail/qr.js";
import { qrEmail } from "../src/mail/templates/qr.js";
import { createMailer, stableMessageId } from "../src/mail/transport.js";
import { openSendQueue, startWorker } from "../src/worker.js";
import { startMailbox } from "../test/helpers/mailbox.js";
import { openBenchDatabase } from "./bench-database.js";

const MAILS = 1_000;
const TARGET_PER_SECOND = 50;
const DRAIN_TIMEOUT_MS = 300_000;
const seconds = (start: number) => (performance.now() - start) / 1000;
/**
 * This process's CPU time (sender, worker and the SMTP server; PostgreSQL's is its own) a message since
 * `since`: beside the rate, it tells waiting (on SMTP, on the database) from working on a busy machine.
 */
const cpuMsPerMail = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1000 / MAILS).toFixed(1);
};

const benchDatabase = await openBenchDatabase("mail", 10);
const { url: databaseUrl, database } = benchDatabase;
// The server does not parse what it receives: in this process, that would take the CPU the senders measure.
const smtp = await startMailbox({ parse: false });
const config = loadConfig({
  databaseUrl,
  smtpUrl: smtp.url,
  logLevel: "warn",
  dataDir: "/tmp/supplynet-bench-mail",
  publicUrl: "http://supplynet.bench",
});

/** Waits until `count` more messages than `before` have arrived; every one must carry a distinct Message-ID. */
async function received(before: number, count: number): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (smtp.messageIds.length < before + count) {
    if (Date.now() > deadline)
      throw new Error(
        `only ${smtp.messageIds.length - before} of ${count} messages in ${DRAIN_TIMEOUT_MS} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ids = new Set(smtp.messageIds.slice(before));
  if (ids.size !== count || smtp.messageIds.length !== before + count)
    throw new Error(`${smtp.messageIds.length - before} messages with ${ids.size} distinct Message-IDs`);
}

try {
  const { rows: companies } = await database.executeSql<PostalAddress & { id: number }>(
    `insert into companies (name, email, country, city, street, house_number, level)
     select 'ООО «Завод ' || n || '»', 'f' || n || '@example.com', 'Россия', 'Москва', 'Тверская', n::text, 0
     from generate_series(1, $1::int) n
     returning id, name, country, city, street, house_number as "houseNumber"`,
    [MAILS],
  );
  const { rows: users } = await database.executeSql<{ id: number; email: string }>(
    "insert into users (email, role) values ('reader@example.com', 'staff') returning id, email",
  );
  const reader = users[0] as { id: number; email: string };

  /** nodemailer straight to the server, `concurrency` messages at a time. */
  const direct = async (run: string, concurrency: number) => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: config.mailFrom, dataDir: config.dataDir });
    const before = smtp.messageIds.length;
    let next = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let index = next++; index < MAILS; index = next++) {
          const company = companies[index] as PostalAddress;
          const address = addressText(company);
          await mailer.send({
            ...qrEmail({
              to: { ...reader, firstName: "", lastName: "", language: "ru" },
              companyName: company.name,
              address,
              png: await qrPng(address),
            }),
            messageId: stableMessageId(`qr-${run}-${index}`, config.publicUrl),
          });
        }
      }),
    );
    const elapsed = seconds(start);
    const cpuMs = cpuMsPerMail(cpu);
    mailer.close();
    await received(before, MAILS);
    console.log(
      `  nodemailer straight, ${concurrency} at a time (${run}): ${MAILS} in ${elapsed.toFixed(2)} s, ${cpuMs} ms CPU a mail`,
    );
    return MAILS / elapsed;
  };

  /** Queues the backlog with no worker running, then times one worker from its start to the last message. */
  const drain = async (concurrency: number) => {
    const sender = await openSendQueue({ config, database, databaseUrl });
    const enqueueStart = performance.now();
    for (const company of companies)
      await sender.enqueue("send-qr-email", { company_id: company.id, user_id: reader.id });
    const enqueued = seconds(enqueueStart);
    await sender.stop();
    const before = smtp.messageIds.length;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const worker = await startWorker({
      config: { ...config, workerConcurrency: concurrency },
      database,
      databaseUrl,
      log: () => {},
    });
    try {
      const startup = seconds(start);
      await received(before, MAILS);
      const elapsed = seconds(start);
      const cpuMs = cpuMsPerMail(cpu);
      const { rows } = await database.executeSql<{ state: string; n: number }>(
        "select state::text as state, count(*)::int as n from pgboss.job where name = 'send-qr-email' group by state",
      );
      const states = Object.fromEntries(rows.map((row) => [row.state, row.n]));
      console.log(
        `  worker, WORKER_CONCURRENCY=${concurrency}: ${MAILS} in ${elapsed.toFixed(2)} s, ${cpuMs} ms CPU a mail ` +
          `(worker start ${startup.toFixed(2)} s; enqueueing took ${enqueued.toFixed(2)} s; jobs ${JSON.stringify(states)})`,
      );
      return MAILS / elapsed;
    } finally {
      await worker.stop();
      // The next run starts from an empty queue, as this one did.
      await database.executeSql("delete from pgboss.job where name = 'send-qr-email'");
    }
  };

  const concurrency = config.workerConcurrency;
  // Baseline before and after, so that a machine warming up or slowing down colours neither side alone.
  const directBefore = await direct("before", concurrency);
  const queued = await drain(concurrency);
  const queuedSerial = await drain(1);
  const directAfter = await direct("after", concurrency);
  const baseline = (directBefore + directAfter) / 2;
  console.log(
    `QR email backlog of ${MAILS} drained by one worker, WORKER_CONCURRENCY=${concurrency}: ${queued.toFixed(1)} mails/s | ` +
      `nodemailer straight to the same server, ${concurrency} at a time: ${baseline.toFixed(1)} mails/s ` +
      `(runs: ${directBefore.toFixed(1)}, ${directAfter.toFixed(1)}) | ratio ${(queued / baseline).toFixed(2)} ` +
      `(target >= ${TARGET_PER_SECOND} mails/s)`,
  );
  console.log(
    `  with WORKER_CONCURRENCY=1: ${queuedSerial.toFixed(1)} mails/s (${concurrency} at once drain ${(queued / queuedSerial).toFixed(1)}x as fast)`,
  );
  if (queued < TARGET_PER_SECOND) process.exitCode = 1;
} finally {
  await smtp.close();
  await benchDatabase.drop();
}
