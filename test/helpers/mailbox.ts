import type { AddressInfo, Socket } from "node:net";
import type { Readable } from "node:stream";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server in this process that keeps what arrives. */
export interface Mailbox {
  url: string;
  port: number;
  /** Every message received so far, parsed (empty with `parse: false`). */
  messages: ParsedMail[];
  /** The Message-ID of every message received so far, in order of arrival, copies included. */
  messageIds: string[];
  /** Resolves with the first message (already received or yet to come) that matches. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export interface MailboxOptions {
  /**
   * For this many messages, store the message and then drop the connection instead of answering 250: the
   * sender cannot tell it was delivered, as with a real server that crashes or times out at that moment.
   */
  dropBeforeReply?: number;
  /** Listen on this port (for a server that comes back where an earlier one stopped) instead of a free one. */
  port?: number;
  /**
   * `false` reads only each message's Message-ID and skips the body: parsing costs as much CPU as sending, so
   * a bench that measures the sender must not make the server in its own process parse every message.
   */
  parse?: boolean;
}

/** The Message-ID header of a raw message, read as it streams by; the rest is drained unread. */
function readMessageId(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let head = "";
    let messageId: string | undefined;
    stream.on("data", (chunk: Buffer) => {
      if (messageId !== undefined) return;
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end >= 0) messageId = /^message-id:\s*(<[^>]*>)/im.exec(head.slice(0, end))?.[1] ?? "";
    });
    stream.on("end", () => resolve(messageId ?? ""));
    stream.on("error", reject);
  });
}

export async function startMailbox(options: MailboxOptions = {}): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  const messageIds: string[] = [];
  const listeners = new Set<() => void>();
  const sockets = new Set<Socket>();
  let toDrop = options.dropBeforeReply ?? 0;
  const store = async (stream: Readable) => {
    if (options.parse === false) {
      messageIds.push(await readMessageId(stream));
      return;
    }
    const mail = await simpleParser(stream);
    messages.push(mail);
    messageIds.push(mail.messageId ?? "");
    for (const listener of listeners) listener();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      store(stream).then(() => {
        if (toDrop > 0) {
          toDrop--;
          for (const socket of sockets) socket.destroy();
          return;
        }
        callback();
      }, callback);
    },
  });
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    messageIds,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`No matching mail within ${timeoutMs} ms (got ${messages.length})`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
