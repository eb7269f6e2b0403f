import { hashPassword } from "../auth/passwords.js";
import type { Database } from "../db/client.js";
import { COMPANY_LEVELS, type CompanyLevel } from "../db/schema.js";
import { type ImportSummary, importTestData, TEST_PASSWORD } from "./import.js";
import type { SeedLocale } from "./types.js";

export const DEMO_STAFF_EMAIL = "admin@supplynet.local";
const DEMO_COMPANIES = 150;
/** Fixed, so every fresh `npm start` shows the same demo network and logins. */
const DEMO_SEED = 20_240_131;
/** One employee login per level shown: the top, the middle and the end of the chain. */
const DEMO_LOGIN_LEVELS = [0, 2, 4];
/** The demo staff user's name in the demo's language. */
const DEMO_STAFF_NAME: Record<SeedLocale, [firstName: string, lastName: string]> = {
  en: ["Demo", "Admin"],
  ru: ["Демо", "Администратор"],
};

export interface DemoOptions {
  /** The language of the demo data (and of the staff user's name); English when absent. */
  locale?: SeedLocale | undefined;
}

export interface DemoLogin {
  email: string;
  role: "staff" | "employee";
  company: { name: string; level: CompanyLevel } | null;
}

export interface DemoData {
  /** What was loaded now, or null when the database already had companies. */
  loaded: ImportSummary | null;
  /** Empty unless this database holds the demo staff user, i.e. was filled by `start`. */
  logins: DemoLogin[];
}

/**
 * Fills an empty database with a small demo network and the staff user admin@supplynet.local (password "1").
 * A database with companies is left alone, and nothing is hashed: a second start stays fast.
 */
export async function ensureDemoData(database: Database, options: DemoOptions = {}): Promise<DemoData> {
  const locale = options.locale ?? "en";
  const { rows } = await database.executeSql<{ found: boolean }>(
    "select exists (select 1 from companies) as found",
  );
  let loaded: ImportSummary | null = null;
  if (!rows[0]?.found) {
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const summary = await importTestData(database, {
      companies: DEMO_COMPANIES,
      seed: DEMO_SEED,
      locale,
      onlyIntoEmpty: true,
      passwordHash,
      alsoInTransaction: (session) =>
        session
          .query(
            `insert into users (email, password_hash, first_name, last_name, role, is_active, language)
             values ($1, $2, $3, $4, 'staff', true, $5) on conflict ((lower(email))) do nothing`,
            [DEMO_STAFF_EMAIL, passwordHash, ...DEMO_STAFF_NAME[locale], locale],
          )
          .then(() => {}),
    });
    if (summary.loaded) loaded = summary;
  }
  return { loaded, logins: await demoLogins(database) };
}

async function demoLogins(database: Database): Promise<DemoLogin[]> {
  const { rows: staff } = await database.executeSql(
    "select 1 from users where lower(email) = $1 and role = 'staff' and is_active",
    [DEMO_STAFF_EMAIL],
  );
  if (staff.length === 0) return [];
  const { rows } = await database.executeSql<{ email: string; name: string; level: number }>(
    `select u.email, c.name, c.level
     from unnest($1::int[]) as wanted(level)
     cross join lateral (select id, name, level from companies where level = wanted.level order by id limit 1) c
     cross join lateral (
       select email from users where company_id = c.id and role = 'employee' and is_active order by id limit 1
     ) u
     order by c.level`,
    [DEMO_LOGIN_LEVELS],
  );
  return [
    { email: DEMO_STAFF_EMAIL, role: "staff", company: null },
    ...rows.map((row) => ({
      email: row.email,
      role: "employee" as const,
      company: { name: row.name, level: COMPANY_LEVELS[row.level] as CompanyLevel },
    })),
  ];
}

/**
 * The lines `start` prints: where everything is (on localhost, whatever HOST binds to), and who can log in.
 * `demo` is null in production, where no demo data is loaded.
 */
export function startBanner(url: string, demo: DemoData | null): string {
  const lines = [
    `  API:      ${url}/api/v1`,
    `  Admin:    ${url}/admin/`,
    `  Swagger:  ${url}/swagger`,
    `  Redoc:    ${url}/redoc`,
    `  Health:   ${url}/health (liveness), ${url}/ready (readiness)`,
  ];
  if (!demo) {
    lines.push(
      "NODE_ENV=production: no demo data is loaded. Create a staff user with `supplynet createsuperuser`.",
    );
    return lines.join("\n");
  }
  if (demo.loaded) {
    lines.push(
      `Loaded demo data: ${demo.loaded.companies} companies in ${demo.loaded.networks} networks, ${demo.loaded.employees} employees.`,
    );
  }
  if (demo.loaded) {
    lines.push(
      `  The demo data is in ${demo.loaded.locale === "ru" ? "Russian" : "English"} (DEFAULT_LANGUAGE). For the other language, start again with DEFAULT_LANGUAGE=${demo.loaded.locale === "ru" ? "en" : "ru"} on an empty DATA_DIR; the admin switches its own language in the top bar.`,
    );
  }
  if (demo.logins.length > 0) {
    lines.push(`Demo logins (password "1" for all):`);
    for (const login of demo.logins) {
      const who = login.company
        ? `employee of ${login.company.name} (${login.company.level})`
        : "staff, for the admin";
      lines.push(`  ${login.email.padEnd(44)} ${who}`);
    }
  }
  return lines.join("\n");
}
