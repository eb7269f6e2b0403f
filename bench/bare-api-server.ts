/**
 * startBareApiServer as a process of its own, for a baseline with as many processes as the app runs:
 * `node --import tsx bench/bare-api-server.ts` with BARE_API_OPTIONS (BareApiOptions as JSON); it prints
 * `bare api listening on <port>` and stops on SIGTERM.
 */
import { type BareApiOptions, startBareApiServer } from "./bare-api.js";

const options = JSON.parse(process.env.BARE_API_OPTIONS ?? "") as BareApiOptions;
const server = await startBareApiServer(options);
console.log(`bare api listening on ${server.port}`);
process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
