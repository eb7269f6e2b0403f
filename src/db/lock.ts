import { rmSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import path from "node:path";
import { UserError } from "../user-error.js";

/** Linux keeps a socket path in 108 bytes, with room for its terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 107;

type Probe = { owner: "live"; pid: string } | { owner: "none" };

/** Asks whoever listens on the lock socket for its pid; a refused or failed connection means nobody does. */
function probe(socketPath: string): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let pid = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      pid += chunk;
    });
    socket.on("end", () => resolve({ owner: "live", pid: pid.trim() || "unknown" }));
    socket.on("error", () => resolve({ owner: "none" }));
  });
}

function listen(server: Server, socketPath: string): Promise<"listening" | "taken"> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") resolve("taken");
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve("listening");
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(socketPath);
  });
}

/**
 * PGlite is one process's database: two processes writing the same files corrupt it. The lock is a Unix socket
 * in the data dir that this process listens on. The kernel closes it when the process dies, however it dies, so
 * a lock left by a killed process (a container restarted as PID 1 again, a reused pid) is never taken for a
 * live one: a connection to it is refused, and the socket file is taken over. A live owner answers with its pid.
 */
export async function acquireDataDirLock(dataDir: string): Promise<() => void> {
  const socketPath = path.join(path.resolve(dataDir), "pglite.lock");
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new UserError(
      `DATA_DIR is too long for the embedded database's lock (${socketPath}): choose a DATA_DIR of at most about 90 characters.`,
    );
  }
  const server = createServer((socket) => socket.end(String(process.pid)));
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await listen(server, socketPath)) === "listening") {
      // The lock must not keep an otherwise finished process alive.
      server.unref();
      return () => server.close();
    }
    const found = await probe(socketPath);
    if (found.owner === "live") {
      throw new UserError(
        `The embedded database in ${dataDir} is in use by another supplynet process (pid ${found.pid}). ` +
          "Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.",
      );
    }
    // Left by a process that is gone (or a lock file of an older version): nobody answers, so take it over.
    rmSync(socketPath, { force: true });
  }
  throw new UserError(`Could not lock ${socketPath}; remove it if no supplynet process is running.`);
}
