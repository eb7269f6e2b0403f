import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import jsQRModule from "jsqr";
import { type ParsedMail, simpleParser } from "mailparser";
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningWorker } from "../../src/worker.js";
import { testApp } from "../helpers/fixture.js";
import { startMailbox } from "../helpers/mailbox.js";
import { startTestWorker, waitForJob } from "../helpers/worker.js";

/** Each test starts a worker of its own: the SMTP server it sends to differs. */
const t = testApp({ app: false, mailbox: true });
let worker: RunningWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

/** A company with a Cyrillic name and an awkward house number, and a user to mail. */
async function companyAndUser(email: string) {
  const [factory] = await t.sql<{ id: number }>(
    `insert into companies (name, email, country, city, street, house_number, level)
     values ('ООО «Ромашка»', 'f@example.com', 'Россия', 'Москва', 'Тверская', '12А/3', 0) returning id`,
  );
  const [user] = await t.sql<{ id: number }>(
    "insert into users (email, role) values ($1, 'staff') returning id",
    [email],
  );
  return { companyId: factory?.id as number, userId: user?.id as number };
}

/** jsqr is CommonJS typed as an ES default export: at run time the import is the function itself. */
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

const EXPECTED_ADDRESS = "ООО «Ромашка»\nРоссия, Москва, Тверская 12А/3";

function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe("the QR email", () => {
  it("arrives over SMTP with the QR once, inline; the QR decodes to the company's name and address", async () => {
    const { companyId, userId } = await companyAndUser("reader@example.com");
    worker = await startTestWorker(t.testDb, { smtpUrl: t.mailbox.url });
    const jobId = await worker.queue.enqueue("send-qr-email", { company_id: companyId, user_id: userId });
    expect(await waitForJob(worker.queue, jobId)).toMatchObject({ state: "completed" });

    const mail = t.mailbox.messages.at(-1) as ParsedMail;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("reader@example.com");
    // Users default to Russian.
    expect(mail.subject).toBe("Адрес и QR-код: ООО «Ромашка»");
    expect(mail.text).toContain(EXPECTED_ADDRESS);
    expect(mail.attachments).toHaveLength(1);
    const [inline] = mail.attachments;
    expect(inline?.contentDisposition).toBe("inline");
    expect(inline?.cid).toBe("company-qr@supplynet");
    // mailparser resolves the html's cid: link to the inline image, so the link pointed at it.
    expect(mail.html).toContain('<img src="data:image/png;base64,');
    expect(inline?.content.subarray(1, 4).toString()).toBe("PNG");
    expect(decodeQr(inline?.content as Buffer)).toBe(EXPECTED_ADDRESS);
  });

  it("fails and retries while the SMTP server is down, without stopping the worker's other jobs", async () => {
    const { companyId, userId } = await companyAndUser("nobody@example.com");
    // A port where an SMTP server just stopped: connections are refused.
    const dead = await startMailbox();
    await dead.close();

    worker = await startTestWorker(t.testDb, { smtpUrl: dead.url });
    const started = Date.now();
    const mailJob = await worker.queue.enqueue(
      "send-qr-email",
      { company_id: companyId, user_id: userId },
      { retryLimit: 2, retryDelay: 1 },
    );
    const failed = await waitForJob(worker.queue, mailJob, ["failed"]);
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);
    const [attempts] = await t.sql<{ retry_count: number }>(
      "select retry_count from pgboss.job where id = $1",
      [mailJob],
    );
    expect(attempts?.retry_count).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);

    // The same worker still takes jobs.
    const clearJob = await worker.queue.enqueue("clear-debt", { ids: [companyId] });
    expect(await waitForJob(worker.queue, clearJob)).toMatchObject({
      state: "completed",
      result: { cleared: 0 },
    });
  });

  it("without SMTP_URL writes a .eml file to DATA_DIR/outbox", async () => {
    const { companyId, userId } = await companyAndUser("outbox@example.com");
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "supplynet-outbox-"));
    try {
      worker = await startTestWorker(t.testDb, { dataDir });
      const jobId = await worker.queue.enqueue("send-qr-email", { company_id: companyId, user_id: userId });
      const job = await waitForJob(worker.queue, jobId);
      const files = await readdir(path.join(dataDir, "outbox"));
      expect(files).toHaveLength(1);
      const file = path.join(dataDir, "outbox", files[0] as string);
      expect(job.result).toEqual({ sent_to: file });
      expect(file).toMatch(/\.eml$/);
      const mail = await simpleParser(readFileSync(file));
      expect(mail.subject).toBe("Адрес и QR-код: ООО «Ромашка»");
      expect(decodeQr(mail.attachments[0]?.content as Buffer)).toBe(EXPECTED_ADDRESS);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
