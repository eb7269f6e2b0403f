import type { DataProvider, GetListParams, Identifier } from "react-admin";
import { api } from "./api";
import type {
  ClearDebtAnswer,
  ClearDebtPreview,
  CompanyCreate,
  CompanyIds,
  CompanyUpdate,
  DebtChart,
  DebtChartQuery,
  DebtTotals,
  EmployeeCreate,
  EmployeeUpdate,
  Job,
  JobChanged,
  Page,
  ProductCreate,
  ProductUpdate,
  Queues,
  ScheduleRunQueued,
  Schedules,
  StaffCreate,
  StaffUpdate,
  Stats,
  Tree,
} from "./types";

/** The API's largest page; bigger requests (react-admin's "select all") are fetched page by page. */
const MAX_PAGE_SIZE = 100;
const PARALLEL_PAGES = 6;

/**
 * The fields of a body, from a record that names each of them and nothing else (spread members included): the
 * compiler refuses a list that drifts from the generated body type.
 */
const fieldsOf =
  <Body>() =>
  <Fields extends Record<keyof Body, true>>(
    fields: Fields & Record<Exclude<keyof Fields, keyof Body>, never>,
  ) =>
    Object.keys(fields) as (keyof Body & string)[];

const COMPANY = {
  name: true,
  email: true,
  country: true,
  city: true,
  street: true,
  house_number: true,
  level: true,
  supplier_id: true,
  product_ids: true,
} as const;
const PRODUCT = { name: true, model: true, release_date: true } as const;
const EMPLOYEE = {
  email: true,
  first_name: true,
  last_name: true,
  company_id: true,
  language: true,
} as const;

/** What a client may send; everything else in a record (counts, nested objects, timestamps) is the server's. */
const WRITABLE: Record<string, { create: string[]; update: string[] }> = {
  companies: {
    create: fieldsOf<CompanyCreate>()({ ...COMPANY, debt: true }),
    // The update schema names debt only to refuse it: debt changes only by clear_debt and the scheduled jobs.
    update: fieldsOf<Omit<CompanyUpdate, "debt">>()(COMPANY),
  },
  products: { create: fieldsOf<ProductCreate>()(PRODUCT), update: fieldsOf<ProductUpdate>()(PRODUCT) },
  employees: {
    create: fieldsOf<EmployeeCreate>()(EMPLOYEE),
    update: fieldsOf<EmployeeUpdate>()({ ...EMPLOYEE, is_active: true }),
  },
  staff: {
    create: fieldsOf<StaffCreate>()({ email: true, first_name: true, last_name: true, language: true }),
    update: fieldsOf<StaffUpdate>()({ first_name: true, last_name: true, language: true, is_active: true }),
  },
};

function pick(resource: string, mode: "create" | "update", data: Record<string, unknown>) {
  const fields = WRITABLE[resource]?.[mode] ?? Object.keys(data);
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = data[field];
    if (value === undefined) continue;
    // An empty optional value means "not given" (a company created without debt starts at 0).
    if (field === "debt" && (value === null || value === "")) continue;
    body[field] = value;
  }
  return body;
}

function filterQuery(filter: GetListParams["filter"] | undefined) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    query.set(key === "q" ? "search" : key, String(value));
  }
  return query;
}

/** A list's filters and sort as its query string; an export (…/export.csv) takes the same. */
export function sortedFilterQuery({ sort, filter }: Partial<Pick<GetListParams, "sort" | "filter">>) {
  const query = filterQuery(filter);
  if (sort?.field) query.set("ordering", `${sort.order === "DESC" ? "-" : ""}${sort.field}`);
  return query;
}

function listQuery(params: Partial<GetListParams>, page: number, pageSize: number) {
  const query = sortedFilterQuery(params);
  query.set("page", String(page));
  query.set("page_size", String(pageSize));
  return query;
}

async function fetchPage<T>(path: string, params: Partial<GetListParams>, page: number, pageSize: number) {
  const { json } = await api<Page<T>>(`${path}?${listQuery(params, page, pageSize)}`);
  return json;
}

/** Every record up to `limit`, in pages of 100 fetched a few at a time (e.g. select all across 100k rows). */
async function fetchAll<T>(path: string, params: GetListParams, limit: number) {
  const first = await fetchPage<T>(path, params, 1, MAX_PAGE_SIZE);
  const pages = Math.ceil(Math.min(first.count, limit) / MAX_PAGE_SIZE);
  const results: T[][] = [first.results];
  let nextPage = 2;
  const worker = async () => {
    while (nextPage <= pages) {
      const page = nextPage++;
      results[page - 1] = (await fetchPage<T>(path, params, page, MAX_PAGE_SIZE)).results;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_PAGES }, worker));
  return { count: first.count, results: results.flat().slice(0, limit) };
}

/**
 * Lists that the API keeps under their company (GET /companies/{id}/debt_history), read as a reference from the
 * company's page. Their order is the API's own (newest first): they take no `ordering`.
 */
const UNDER_COMPANY = new Set(["debt_history"]);

/** Lists in the API's own order (jobs: newest first), which take no `ordering`. */
const UNSORTED = new Set(["jobs"]);

/** Resources whose API gives every matching id in one call (GET /<resource>/ids), for "select all". */
const ID_LISTS = new Set(["/companies"]);

async function getList(path: string, params: GetListParams) {
  const { page = 1, perPage = 20 } = params.pagination ?? {};
  if (params.meta?.selectAll && ID_LISTS.has(path)) {
    const { json } = await api<CompanyIds>(`${path}/ids?${filterQuery(params.filter)}`);
    return { data: json.ids.slice(0, perPage).map((id) => ({ id })) as never[], total: json.count };
  }
  if (perPage > MAX_PAGE_SIZE && page === 1) {
    const all = await fetchAll<never>(path, params, perPage);
    return { data: all.results, total: all.count };
  }
  const json = await fetchPage<never>(path, params, page, perPage);
  // Read from the answer as sent: the generated Page type may not name count_is_estimate yet.
  const countIsEstimate = (json as { count_is_estimate?: boolean }).count_is_estimate === true;
  return { data: json.results, total: json.count, meta: { countIsEstimate } };
}

export const dataProvider = {
  getList: (resource, params) =>
    getList(`/${resource}`, UNSORTED.has(resource) ? { ...params, sort: undefined } : params),

  getOne: async (resource, { id }) => {
    const { json } = await api<never>(`/${resource}/${id}`);
    return { data: json };
  },

  getMany: async (resource, { ids }) => {
    const data = await Promise.all(ids.map((id) => api<never>(`/${resource}/${id}`).then((r) => r.json)));
    return { data };
  },

  getManyReference: (resource, params) =>
    UNDER_COMPANY.has(resource)
      ? getList(`/companies/${params.id}/${resource}`, { ...params, sort: undefined })
      : getList(`/${resource}`, { ...params, filter: { ...params.filter, [params.target]: params.id } }),

  create: async (resource, { data }) => {
    const { json } = await api<never>(`/${resource}`, {
      method: "POST",
      body: pick(resource, "create", data),
    });
    return { data: json };
  },

  update: async (resource, { id, data, previousData }) => {
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(pick(resource, "update", data))) {
      if (JSON.stringify(value) !== JSON.stringify(previousData?.[key])) changed[key] = value;
    }
    const { json } = await api<never>(`/${resource}/${id}`, { method: "PATCH", body: changed });
    return { data: json };
  },

  updateMany: async (resource, { ids, data }) => {
    for (const id of ids) {
      await api(`/${resource}/${id}`, { method: "PATCH", body: pick(resource, "update", data) });
    }
    return { data: ids };
  },

  delete: async (resource, { id, previousData }) => {
    await api(`/${resource}/${id}`, { method: "DELETE" });
    return { data: (previousData ?? { id }) as never };
  },

  deleteMany: async (resource, { ids }) => {
    const deleted: Identifier[] = [];
    for (const id of ids) {
      await api(`/${resource}/${id}`, { method: "DELETE" });
      deleted.push(id);
    }
    return { data: deleted };
  },

  clearDebt: async (ids: Identifier[]) => {
    const { status, json } = await api<ClearDebtAnswer>("/companies/clear_debt", {
      method: "POST",
      body: { ids: ids.map(Number) },
    });
    return { status, ...json };
  },

  /** What clearDebt would do with these ids now (the companies cleared, the debt written off), changing nothing. */
  previewClearDebt: async (ids: Identifier[]) =>
    (
      await api<ClearDebtPreview>("/companies/clear_debt/preview", {
        method: "POST",
        body: { ids: ids.map(Number) },
      })
    ).json,

  getJob: async (id: string) => (await api<Job>(`/jobs/${encodeURIComponent(id)}`)).json,

  /** Each queue's jobs counted by state. */
  getQueues: async () => (await api<Queues>("/jobs/queues")).json,

  getSchedules: async () => (await api<Schedules>("/schedules")).json,

  /** Queues a job that runs the schedule's task now; the answer names the job. */
  runSchedule: async (name: string) =>
    (await api<ScheduleRunQueued>(`/schedules/${encodeURIComponent(name)}/run`, { method: "POST" })).json,

  retryJob: async (id: Identifier) =>
    (await api<JobChanged>(`/jobs/${encodeURIComponent(id)}/retry`, { method: "POST" })).json,

  cancelJob: async (id: Identifier) =>
    (await api<JobChanged>(`/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST" })).json,

  getTree: async (id: Identifier) => (await api<Tree>(`/companies/${id}/tree`)).json,

  resendInvite: async (id: Identifier) => {
    await api(`/employees/${id}/resend_invite`, { method: "POST" });
  },

  getStats: async () => (await api<Stats>("/stats")).json,

  /** The network's total debt at the end of each of the last `days` days. */
  getDebtTotals: async (days: number) => (await api<DebtTotals>(`/stats/debt_totals?days=${days}`)).json,

  /** A company's debt at the end of each day that changed it, within the range. */
  getDebtChart: async (id: Identifier, range: DebtChartQuery) => {
    const query = filterQuery(range);
    return (await api<DebtChart>(`/companies/${id}/debt_chart?${query}`)).json;
  },
} satisfies DataProvider;

export type SupplynetDataProvider = typeof dataProvider;
