import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

let t0 = Date.now();
const pg = await PGlite.create();
await migrate(drizzle(pg), { migrationsFolder: "src/db/migrations" });
const dump = await pg.dumpDataDir("none");
console.log("dump", Date.now() - t0, dump.size);
t0 = Date.now();
const pg2 = await PGlite.create({ loadDataDir: dump });
console.log((await pg2.query("select count(*) from companies")).rows, Date.now() - t0);
