import { COMPANY_LEVELS } from "../db/schema.js";
import type { Random } from "./random.js";
import type { Pools } from "./types.js";

const LEVEL_COUNT = COMPANY_LEVELS.length;
/** Each company supplies 1 to this many companies of the next level (a network averages ~31 companies). */
const MAX_CLIENTS = 3;
const MAX_EMPLOYEES = 5;
const MAX_PRODUCTS = 5;
/** Debts are drawn in cents, 0.00 to 50000.00, and written as exact decimal strings. */
const MAX_DEBT_CENTS = 5_000_000;

/** The shape of the networks: companies in supply order (a supplier always comes before its clients). */
export interface NetworkPlan {
  companyCount: number;
  networkCount: number;
  employeeCount: number;
  levels: Uint8Array;
  /** Index of the supplier in the plan, or -1 for a factory. */
  supplierIndex: Int32Array;
  employeesPerCompany: Uint8Array;
}

/**
 * Plans whole networks until there are at least `target` companies. Every network fills all five levels; the
 * last one is trimmed to the companies still wanted, so the total lands within a network's minimum of target.
 */
export function planNetworks(target: number, random: Random): NetworkPlan {
  const levels: number[] = [];
  const suppliers: number[] = [];
  let networkCount = 0;
  while (levels.length < target) {
    const budget = Math.max(LEVEL_COUNT, target - levels.length);
    const start = levels.length;
    levels.push(0);
    suppliers.push(-1);
    let parents = [start];
    for (let level = 1; level < LEVEL_COUNT; level++) {
      const current: number[] = [];
      const reservedBelow = LEVEL_COUNT - 1 - level;
      fill: for (const parent of parents) {
        const clients = random.int(1, MAX_CLIENTS);
        for (let i = 0; i < clients; i++) {
          if (current.length > 0 && levels.length - start + 1 + reservedBelow > budget) break fill;
          current.push(levels.length);
          levels.push(level);
          suppliers.push(parent);
        }
      }
      parents = current;
    }
    networkCount++;
  }
  const employeesPerCompany = new Uint8Array(levels.length);
  let employeeCount = 0;
  for (let i = 0; i < levels.length; i++) {
    const employees = random.int(1, MAX_EMPLOYEES);
    employeesPerCompany[i] = employees;
    employeeCount += employees;
  }
  return {
    companyCount: levels.length,
    networkCount,
    employeeCount,
    levels: Uint8Array.from(levels),
    supplierIndex: Int32Array.from(suppliers),
    employeesPerCompany,
  };
}

/** COPY text-format rows for the three tables, for a slice of the plan. */
export interface RowBatch {
  companies: string;
  companyProducts: string;
  users: string;
  companyCount: number;
  companyProductCount: number;
  userCount: number;
}

export const COPY_COLUMNS = {
  companies: [
    "id",
    "name",
    "email",
    "country",
    "city",
    "street",
    "house_number",
    "level",
    "supplier_id",
    "debt",
  ],
  company_products: ["company_id", "product_id"],
  users: [
    "id",
    "email",
    "password_hash",
    "first_name",
    "last_name",
    "role",
    "company_id",
    "is_active",
    "language",
  ],
} as const;

export interface GenerateContext {
  plan: NetworkPlan;
  pools: Pools;
  random: Random;
  /** Ids reserved in the identity sequences for this import. */
  firstCompanyId: number;
  firstUserId: number;
  /** Catalog product ids the networks sell. */
  productIds: readonly number[];
  passwordHash: string;
}

function debt(random: Random): string {
  const cents = random.int(0, MAX_DEBT_CENTS);
  const fraction = cents % 100;
  return `${(cents - fraction) / 100}.${fraction < 10 ? "0" : ""}${fraction}`;
}

/**
 * Yields the rows in batches of about `batchSize` companies. A factory sells 1–5 catalog products and every
 * other company 1–5 of its supplier's, so a product is sold along the chain as in the real network.
 */
export function* generateRows(context: GenerateContext, batchSize: number): Generator<RowBatch> {
  const { plan, pools, random, firstCompanyId, productIds, passwordHash } = context;
  const productsOf: number[][] = new Array(plan.companyCount);
  const nameCompany = pools.newCompanyNamer();
  let userId = context.firstUserId;
  for (let from = 0; from < plan.companyCount; from += batchSize) {
    const to = Math.min(plan.companyCount, from + batchSize);
    let companies = "";
    let companyProducts = "";
    let users = "";
    let companyProductCount = 0;
    let userCount = 0;
    for (let index = from; index < to; index++) {
      const id = firstCompanyId + index;
      const level = plan.levels[index] as number;
      const supplier = plan.supplierIndex[index] as number;
      const { name, domain, place } = nameCompany(level, random);
      companies += `${id}\t${name}\tsales.${id}@${domain}\t${place.country}\t${place.city}\t${random.pick(place.streets)}\t${pools.houseNumber(random)}\t${level}\t${supplier < 0 ? "\\N" : firstCompanyId + supplier}\t${level === 0 ? "0.00" : debt(random)}\n`;

      const offered = supplier < 0 ? productIds : (productsOf[supplier] as number[]);
      const products = random.sample(offered, random.int(1, Math.min(MAX_PRODUCTS, offered.length)));
      productsOf[index] = products;
      for (const product of products) companyProducts += `${id}\t${product}\n`;
      companyProductCount += products.length;

      const employees = plan.employeesPerCompany[index] as number;
      for (let i = 0; i < employees; i++) {
        const person = random.pick(pools.people);
        users += `${userId}\t${person.emailName}.${userId}@${domain}\t${passwordHash}\t${person.firstName}\t${person.lastName}\temployee\t${id}\tt\t${pools.language}\n`;
        userId++;
      }
      userCount += employees;
    }
    yield { companies, companyProducts, users, companyCount: to - from, companyProductCount, userCount };
  }
}
