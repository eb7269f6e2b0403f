import type { Level } from "../types";

/**
 * In supply-chain order: a company's supplier is the level just before its own. A record over the generated
 * Level type, so the compiler refuses a level the API lacks or one left out; LEVELS is its keys, in this order.
 */
export const LEVEL_LABELS: Record<Level, string> = {
  factory: "Factory",
  distributor: "Distributor",
  dealership: "Dealership",
  retail_chain: "Retail chain",
  entrepreneur: "Entrepreneur",
};

export const LEVELS = Object.keys(LEVEL_LABELS) as Level[];

export const LEVEL_CHOICES = LEVELS.map((id) => ({ id, name: LEVEL_LABELS[id] }));

export function levelLabel(level: string | undefined | null): string {
  return level && level in LEVEL_LABELS ? LEVEL_LABELS[level as Level] : (level ?? "");
}

export function supplierLevelOf(level: string | undefined | null): Level | undefined {
  const index = LEVELS.indexOf(level as Level);
  return index > 0 ? LEVELS[index - 1] : undefined;
}

const grouping = new Intl.NumberFormat("en-US", { useGrouping: true, maximumFractionDigits: 0 });

/**
 * Money arrives as an exact decimal string ("1234567890123.45"). The whole part is grouped through BigInt so
 * no digit is rounded away, whatever its size; the kopecks are copied as they are.
 */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!match) return String(value);
  const [, sign, whole = "0", fraction = ""] = match;
  return `${sign}${grouping.format(BigInt(whole))}.${fraction.padEnd(2, "0").slice(0, 2)}`;
}

export function isZeroMoney(value: string | null | undefined): boolean {
  return !value || /^0*(\.0*)?$/.test(value);
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : "—";
}

/** Choices for a yes/no list filter; the API reads the query parameter as a boolean. */
export function yesNoChoices(yes: string, no: string) {
  return [
    { id: "true", name: yes },
    { id: "false", name: no },
  ];
}
