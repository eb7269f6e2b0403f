import { main } from "./cli/program.js";

await main();
