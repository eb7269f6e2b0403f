import { type Static, Type } from "typebox";
import { COMPANY_LEVELS } from "../db/schema.js";
import {
  Email,
  Id,
  Money,
  MoneyBound,
  MoneyInput,
  Ordering,
  PaginationQuery,
  QueryText,
  Text,
  Timestamp,
} from "../http/schemas.js";

export const CompanyLevelName = Type.Enum([...COMPANY_LEVELS], {
  description: "factory → distributor → dealership → retail_chain → entrepreneur",
});

export const CompanyRef = Type.Object({ id: Type.Integer(), name: Type.String(), level: CompanyLevelName });

export const Company = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  country: Type.String(),
  city: Type.String(),
  street: Type.String(),
  house_number: Type.String(),
  level: CompanyLevelName,
  supplier_id: Type.Union([Type.Integer(), Type.Null()]),
  supplier: Type.Union([CompanyRef, Type.Null()]),
  debt: Money,
  product_ids: Type.Array(Type.Integer()),
  products_count: Type.Integer(),
  employees_count: Type.Integer(),
  clients_count: Type.Integer({ description: "How many companies this one supplies" }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CompanyView = Static<typeof Company>;

const ProductIds = Type.Array(Id, {
  uniqueItems: true,
  maxItems: 1000,
  description: "The products the company sells; replaces the whole set",
});

const writableFields = {
  name: Text(200),
  email: Email,
  country: Text(100),
  city: Text(100),
  street: Text(200),
  house_number: Text(20),
  level: CompanyLevelName,
  supplier_id: Type.Union([Id, Type.Null()], { description: "A company one level up; null for a factory" }),
  product_ids: Type.Optional(ProductIds),
};

export const CompanyCreate = Type.Object(
  {
    ...writableFields,
    supplier_id: Type.Optional(writableFields.supplier_id),
    debt: Type.Optional(MoneyInput),
  },
  { additionalProperties: false },
);
export type CompanyCreateInput = Static<typeof CompanyCreate>;

export const CompanyUpdate = Type.Partial(
  Type.Object({
    ...writableFields,
    debt: Type.Unknown({ description: "Read-only after creation: a PATCH carrying it is refused with 400." }),
  }),
  { additionalProperties: false },
);
export type CompanyUpdateInput = Static<typeof CompanyUpdate>;

/** PUT's body: every writable field, as DRF's full update wants them; product_ids left out keeps the set. */
export const CompanyReplace = Type.Object(
  {
    ...writableFields,
    debt: Type.Optional(
      Type.Unknown({ description: "Read-only after creation: a PUT carrying it is refused with 400." }),
    ),
  },
  { additionalProperties: false },
);

/**
 * A bound of a created_at range: a date (its first moment, UTC) or a date-time with its offset. The admin's
 * quick picks (today, this week…) send the user's own midnight as a date-time, so no time zone is guessed here.
 */
const MomentInput = (description: string) =>
  Type.Union([Type.String({ format: "date" }), Type.String({ format: "date-time" })], { description });

/** The filters of the companies list; "select all" (GET /companies/ids) takes the same. */
const companyFilters = {
  search: Type.Optional(QueryText(200, "Name or email contains (any case)")),
  level: Type.Optional(CompanyLevelName),
  country: Type.Optional(QueryText(100, "Exact, any case")),
  city: Type.Optional(QueryText(100, "Exact, any case")),
  supplier: Type.Optional(Id),
  product: Type.Optional(Id),
  has_debt: Type.Optional(Type.Boolean()),
  debt_min: Type.Optional(MoneyBound),
  debt_max: Type.Optional(MoneyBound),
  created_after: Type.Optional(MomentInput("Created at or after (inclusive); a date means its start, UTC")),
  created_before: Type.Optional(MomentInput("Created before (exclusive); a date means its start, UTC")),
};

const companyOrdering = {
  ordering: Type.Optional(Ordering(["name", "level", "city", "country", "debt", "created_at", "id"])),
};

export const CompanyListQuery = Type.Object(
  { ...PaginationQuery, ...companyOrdering, ...companyFilters },
  { additionalProperties: false },
);
export const CompanyIdsQuery = Type.Object(companyFilters, { additionalProperties: false });
/** The export takes the list's filters and ordering, and no page: it is the whole list. */
export const CompanyExportQuery = Type.Object(
  { ...companyOrdering, ...companyFilters },
  { additionalProperties: false },
);
export type CompanyExportFilters = Static<typeof CompanyExportQuery>;

/** As many ids as one clear_debt request takes. */
export const MAX_SELECTED_IDS = 100_000;

export const CompanyIds = Type.Object({
  count: Type.Integer({ description: "How many companies match" }),
  ids: Type.Array(Type.Integer(), {
    description: `The matching ids, ascending, at most ${MAX_SELECTED_IDS}`,
  }),
});
export type CompanyListFilters = Static<typeof CompanyListQuery>;
export type CompanyFilters = Static<typeof CompanyIdsQuery>;

export const DebtAboveAverageQuery = Type.Object({ ...PaginationQuery }, { additionalProperties: false });

export interface CompanyTreeNode {
  id: number;
  name: string;
  level: (typeof COMPANY_LEVELS)[number];
  debt: string;
  children: CompanyTreeNode[];
}

const treeNodeFields = {
  id: Type.Integer(),
  name: Type.String(),
  level: CompanyLevelName,
  debt: Money,
  children: Type.Array(Type.Unknown(), { description: "Nodes of this same shape, recursively" }),
};

export const CompanyTree = Type.Object({
  ...treeNodeFields,
  truncated: Type.Boolean({ description: "True when the tree was cut at the node limit" }),
  nodes: Type.Integer({ description: "How many nodes the answer holds" }),
});
