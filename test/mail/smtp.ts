import type { AddressInfo, Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtpServer {
  url: string;
  /** Every message received so far, parsed. */
  received: ParsedMail[];
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /**
   * For this many messages, store the message and then drop the connection instead of answering 250: the
   * sender cannot tell it was delivered, as with a real server that crashes or times out at that moment.
   */
  dropBeforeReply?: number;
}

/** A real SMTP server on a free local port that parses what arrives. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const sockets = new Set<Socket>();
  let toDrop = options.dropBeforeReply ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
