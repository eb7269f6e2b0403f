import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The folder holding package.json; the same whether running from src/ under tsx or from dist/ under node. */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** SQL migrations are not compiled, so both src/ and dist/ builds read them from src/. */
export const migrationsFolder = path.join(projectRoot, "src", "db", "migrations");

export const adminBuildFolder = path.join(projectRoot, "dist", "admin");
