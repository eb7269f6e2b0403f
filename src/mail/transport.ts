import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";

export type MailMessage = Omit<SendMailOptions, "from">;

export interface Mailer {
  /** Sends one message; resolves with where it went (the SMTP message id, or the .eml file's path). */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Without SMTP, messages are written to `${dataDir}/outbox/*.eml`. */
  dataDir: string;
  /** SMTP connections kept open and reused: one per message the worker sends at the same time. */
  connections?: number;
  log?: (line: string) => void;
}

/**
 * A Message-ID that stays the same on every attempt to send one message (one job): SMTP delivers at least once,
 * and a server that stored the message but dropped the connection before its 250 gets it again on the retry;
 * receiving systems drop the copy by this id.
 */
export function stableMessageId(key: string, publicUrl: string): string {
  return `<${key}@${new URL(publicUrl).hostname}>`;
}

/** SMTP when SMTP_URL is set; otherwise one .eml file per message, like Django's file-based mail backend. */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    // Short timeouts: a dead server fails the job (which pg-boss retries) instead of holding a worker.
    // Pooled: a connection per message would pay the server's greeting delay and a TLS handshake every time.
    // Settings in SMTP_URL's query string still win. (The second argument only holds message defaults.)
    const transport = nodemailer.createTransport(
      { url: options.smtpUrl, pool: true, maxConnections: options.connections ?? 1 },
      { from: options.from },
    );
    transport.options.connectionTimeout ??= 10_000;
    transport.options.greetingTimeout ??= 10_000;
    transport.options.socketTimeout ??= 30_000;
    return {
      async send(message) {
        const info = await transport.sendMail(message);
        return info.messageId;
      },
      close: () => transport.close(),
    };
  }
  const outbox = path.join(options.dataDir, "outbox");
  const transport = nodemailer.createTransport(
    { streamTransport: true, buffer: true },
    { from: options.from },
  );
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      await mkdir(outbox, { recursive: true });
      const file = path.join(
        outbox,
        `${new Date().toISOString().replaceAll(":", "-")}-${randomBytes(3).toString("hex")}.eml`,
      );
      await writeFile(file, info.message as Buffer);
      log(`Mail to ${String(message.to)} written to ${file}`);
      return file;
    },
    close: () => transport.close(),
  };
}
