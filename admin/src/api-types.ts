/**
 * Generated from the API's OpenAPI document by scripts/openapi-types.ts: do not edit.
 * After changing a route schema, run `npm run openapi:types`; test/admin/api-types.test.ts fails until then.
 */
export interface paths {
  "/api/v1": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The API root: a link to each resource */
    get: operations["root_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/audit_log": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who changed what, when and from where (staff); newest first */
    get: operations["audit_log_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/invitation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Whom an invitation is for and from whom, before the invitee chooses a password
     * @description The token travels in the body, never in a URL, so that no log keeps it.
     */
    post: operations["auth_invitation_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/logout": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke the refresh token and every token rotated from the same login
     * @description Answers 204 whether or not the token was still valid, so logging out twice is harmless.
     */
    post: operations["auth_logout_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/me": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The logged-in user */
    get: operations["auth_me_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change your own account: the language of your emails */
    patch: operations["auth_me_partial_update"];
    trace?: never;
  };
  "/api/v1/auth/password/change": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change your own password, giving the current one
     * @description Signs out every other session. The answer is a new pair for this session: use it from now on, since every token issued before the change is refused.
     */
    post: operations["auth_password_change_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/password/reset": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ask for a link to set a new password, sent to the account's email
     * @description Always 202 with the same words, whether or not the email names an account: the answer tells nobody which emails have one. The link works once, for an hour.
     */
    post: operations["auth_password_reset_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/password/reset/account": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Whose password a reset link sets, before its owner chooses one */
    post: operations["auth_password_reset_account_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/password/reset/confirm": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with a reset link; every session of the account is signed out */
    post: operations["auth_password_reset_confirm_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/register": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept an invitation: set a password and log in */
    post: operations["auth_register_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/session": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Admin login: staff email and password for an access token and the session cookie
     * @description For the admin panel: the refresh token travels only in the httpOnly, SameSite=Strict cookie `supplynet_session`, scoped to this path, and never in JSON. The request must be JSON (Content-Type: application/json), which a cross-site form cannot send. API clients use /auth/token. Employees are refused with 403.
     */
    post: operations["auth_session_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/session/logout": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Admin logout: revoke the session's login everywhere and clear the cookie
     * @description For the admin panel: the refresh token travels only in the httpOnly, SameSite=Strict cookie `supplynet_session`, scoped to this path, and never in JSON. The request must be JSON (Content-Type: application/json), which a cross-site form cannot send. API clients use /auth/token. Answers 204 whether or not a session was open.
     */
    post: operations["auth_session_logout_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/session/password": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Admin: change your own password, giving the current one
     * @description For the admin panel: the refresh token travels only in the httpOnly, SameSite=Strict cookie `supplynet_session`, scoped to this path, and never in JSON. The request must be JSON (Content-Type: application/json), which a cross-site form cannot send. API clients use /auth/token. Signs out every other session; this one goes on with a new cookie and access token.
     */
    post: operations["auth_session_password_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/session/refresh": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Admin session: a new access token, rotating the session cookie
     * @description For the admin panel: the refresh token travels only in the httpOnly, SameSite=Strict cookie `supplynet_session`, scoped to this path, and never in JSON. The request must be JSON (Content-Type: application/json), which a cross-site form cannot send. API clients use /auth/token. Presenting a cookie that was already rotated signs out every tab of that login.
     */
    post: operations["auth_session_refresh_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in: trade email and password for an access and a refresh token */
    post: operations["auth_token_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/auth/token/refresh": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Trade a refresh token for a new pair (rotation; reusing an old one revokes its whole family) */
    post: operations["auth_token_refresh_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List companies (staff: all, filtered; an employee: their own company only) */
    get: operations["companies_list"];
    put?: never;
    /** Create a company (debt may be set only here) */
    post: operations["companies_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One company with its supplier and counts */
    get: operations["companies_retrieve"];
    /** Replace a company's fields (every writable one; product_ids left out keeps the set) */
    put: operations["companies_update"];
    post?: never;
    /** Delete a company (refused with 409 while it supplies others) */
    delete: operations["companies_destroy"];
    options?: never;
    head?: never;
    /** Change a company; product_ids replaces the set; debt is read-only */
    patch: operations["companies_partial_update"];
    trace?: never;
  };
  "/api/v1/companies/{id}/debt_chart": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A company's debt at the end of each day that changed it, for a chart */
    get: operations["companies_debt_chart_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/{id}/debt_history": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every change of a company's debt, newest first, each with the debt it left
     * @description The ledger: a company's debt is always the sum of its entries. Older months are rolled up into one `rollup` entry per month.
     */
    get: operations["companies_debt_history_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/{id}/employees": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The employees of a company you may see (an employee: only their own) */
    get: operations["companies_employees_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/{id}/get_qr": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Email yourself the company's address as a QR code
     * @description Answers at once; a job sends the email. At most 5 per user per hour.
     */
    get: operations["companies_get_qr_retrieve"];
    put?: never;
    /**
     * Email yourself the company's address as a QR code
     * @description Answers at once; a job sends the email. At most 5 per user per hour.
     */
    post: operations["companies_get_qr_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/{id}/products": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The products a company sells */
    get: operations["companies_products_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/{id}/tree": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The supply tree below a company, nested (cut at 2000 nodes, then truncated is true) */
    get: operations["companies_tree_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/clear_debt": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set the debt of the listed companies to 0
     * @description Up to 20 ids are cleared at once (200). More (up to 100000) are cleared by a job (202); follow it at GET /jobs/{job_id}, whose result has the same counts. Duplicates count once, factories (never in debt) are left alone and counted, and ids that name no company come back in unknown_ids.
     */
    post: operations["companies_clear_debt_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/clear_debt/preview": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What clearing the listed companies' debt would do now, changing nothing
     * @description The counts and the total that POST /companies/clear_debt would answer for these ids at this moment (or its job's result), and whether it would be a job: for a confirmation.
     */
    post: operations["companies_clear_debt_preview_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/debt_above_average": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Companies whose debt is above the network's average, largest debt first */
    get: operations["companies_debt_above_average_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/export.csv": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The whole filtered list as a CSV download (staff: all; an employee: their own company) */
    get: operations["companies_export_csv_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/companies/ids": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every company id matching the list's filters (for selecting all across pages) */
    get: operations["companies_ids_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/employees": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List employees (staff) */
    get: operations["employees_list"];
    put?: never;
    /** Create an employee and send them an invitation (staff) */
    post: operations["employees_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/employees/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One employee (staff) */
    get: operations["employees_retrieve"];
    /** Replace an employee's email and company (names, language and is_active left out are kept) */
    put: operations["employees_update"];
    post?: never;
    /** Delete an employee (staff) */
    delete: operations["employees_destroy"];
    options?: never;
    head?: never;
    /** Change names, email, company, language or is_active (staff); deactivating signs them out everywhere */
    patch: operations["employees_partial_update"];
    trace?: never;
  };
  "/api/v1/employees/{id}/resend_invite": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a new invitation; earlier links stop working (staff) */
    post: operations["employees_resend_invite_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/employees/export.csv": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The whole filtered list as a CSV download (staff) */
    get: operations["employees_export_csv_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/jobs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent background jobs, newest first, including those pg-boss has archived */
    get: operations["jobs_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/jobs/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A background job's state and result
     * @description queued (waiting or waiting to retry), active, completed (with its result), failed (with its error) or cancelled (by staff, before a worker took it).
     */
    get: operations["jobs_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/jobs/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a queued job */
    post: operations["jobs_cancel_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/jobs/{id}/retry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue a failed or cancelled job again */
    post: operations["jobs_retry_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/jobs/queues": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Each queue's jobs by state and the age of its oldest queued job */
    get: operations["jobs_queues_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/products": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List products (staff: the catalog; an employee: what their company sells) */
    get: operations["products_list"];
    put?: never;
    /** Add a product to the catalog; (name, model) is unique */
    post: operations["products_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/products/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One product */
    get: operations["products_retrieve"];
    /** Replace a product's name and model (release_date left out is kept) */
    put: operations["products_update"];
    post?: never;
    /** Remove a product (and it from every company that sold it) */
    delete: operations["products_destroy"];
    options?: never;
    head?: never;
    /** Change a product */
    patch: operations["products_partial_update"];
    trace?: never;
  };
  "/api/v1/products/export.csv": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The whole filtered list as a CSV download (staff: the catalog; an employee: what their company sells) */
    get: operations["products_export_csv_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/schedules": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The cron schedules: next run, last run and last failure */
    get: operations["schedules_list"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/schedules/{name}/run": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run a schedule now
     * @description Queues a job of the schedule's queue; a debt run applies in a slot of its own (this instant), once, however often the job is attempted. Follow it at GET /jobs/{job_id}.
     */
    post: operations["schedules_run_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/staff": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List staff users (staff) */
    get: operations["staff_list"];
    put?: never;
    /** Create a staff user and send them an invitation (staff) */
    post: operations["staff_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/staff/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One staff user (staff) */
    get: operations["staff_retrieve"];
    /** Replace a staff user's names (language and is_active left out are kept) (staff) */
    put: operations["staff_update"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change names, language or is_active (staff); deactivating signs them out everywhere, and is refused for yourself and for the last active staff user */
    patch: operations["staff_partial_update"];
    trace?: never;
  };
  "/api/v1/staff/{id}/resend_invite": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a new invitation; earlier links stop working (staff) */
    post: operations["staff_resend_invite_create"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/stats": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Network figures: companies per level, debts, largest debtors, scheduled tasks */
    get: operations["stats_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/stats/debt_totals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The network's total debt at the end of each day, for the dashboard's chart */
    get: operations["stats_debt_totals_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: 200 while the process serves, with the database's status */
    get: operations["health_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/ready": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: 503 while the database is unreachable or migrations are pending */
    get: operations["ready_retrieve"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AuditLog: {
      /**
       * @description create, update, delete; deactivate and reactivate (is_active changed); clear_debt; invite (sent or resent); password_reset (by the account's owner, with a link); change_password; run_task (cli, or the admin's Run now); retry_job and cancel_job (a background job); createsuperuser (cli)
       * @enum {string}
       */
      action:
        | "create"
        | "update"
        | "delete"
        | "deactivate"
        | "reactivate"
        | "clear_debt"
        | "invite"
        | "password_reset"
        | "change_password"
        | "run_task"
        | "createsuperuser"
        | "retry_job"
        | "cancel_job";
      /** @description The user who acted; null for a command (cli) or a user since deleted */
      actor_id: number | null;
      /** @description The user's email at the time, or the operating-system user who ran the command */
      actor_label: string;
      /** Format: date-time */
      at: string;
      /** @description For update, deactivate and reactivate: {field: [before, after]}, the changed fields only */
      changes: {
        [key: string]: unknown[];
      } | null;
      /** @description What else the action says: a created or deleted object's name or email, an invitation's email and whether it was resent, clear_debt's counts (or its job_id), run_task's slot and totals */
      details: {
        [key: string]: unknown;
      } | null;
      id: number;
      /** @description The request's address; null for a command */
      ip: string | null;
      /** @description null when an entry is about several objects (a clear_debt of many companies) */
      object_id: string | null;
      /**
       * @description company, product, employee, staff (a staff user), task (a scheduled task, named by object_id), job (a background job, by its id)
       * @enum {string}
       */
      object_type: "company" | "product" | "employee" | "staff" | "task" | "job";
      /**
       * @description api: a request; cli: a supplynet command
       * @enum {string}
       */
      source: "api" | "cli";
    };
    Company: {
      city: string;
      /** @description How many companies this one supplies */
      clients_count: number;
      country: string;
      /** Format: date-time */
      created_at: string;
      /** @example 1234.56 */
      debt: string;
      email: string;
      employees_count: number;
      house_number: string;
      id: number;
      /**
       * @description factory → distributor → dealership → retail_chain → entrepreneur
       * @enum {string}
       */
      level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
      name: string;
      product_ids: number[];
      products_count: number;
      street: string;
      supplier: {
        id: number;
        /**
         * @description factory → distributor → dealership → retail_chain → entrepreneur
         * @enum {string}
         */
        level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
        name: string;
      } | null;
      supplier_id: number | null;
      /** Format: date-time */
      updated_at: string;
    };
    CompanyDebtHistory: {
      /**
       * @description The change, signed
       * @example -1234.56
       */
      amount: string;
      /** Format: date-time */
      at: string;
      /**
       * @description The debt just after it
       * @example 1234.56
       */
      balance: string;
      /** @description What caused it: the run (task and slot), the job, the staff user, sql:<user> */
      cause: string;
      id: number;
      /** @description The job */
      job_id: string | null;
      /**
       * @description opening (at creation), accrual, repayment, staff_clear, job_clear, correction (raw SQL), deletion, rollup (an old month's entries summed)
       * @enum {string}
       */
      kind:
        | "opening"
        | "accrual"
        | "repayment"
        | "staff_clear"
        | "job_clear"
        | "correction"
        | "deletion"
        | "rollup";
      /** @description The scheduled run */
      task_run_id: number | null;
      /** @description The staff user who caused it */
      user_id: number | null;
    };
    /** @description An employee: a user of role employee, with their company and latest invitation */
    Employee: {
      company: {
        id: number;
        /**
         * @description factory → distributor → dealership → retail_chain → entrepreneur
         * @enum {string}
         */
        level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
        name: string;
      };
      company_id: number;
      /** Format: date-time */
      created_at: string;
      email: string;
      first_name: string;
      id: number;
      /** @description The latest invitation; null for accounts created without one */
      invitation: {
        /** Format: date-time */
        expires_at: string;
        /** @enum {string} */
        status: "pending" | "accepted" | "expired";
      } | null;
      is_active: boolean;
      /**
       * @description The language of their emails: ru (Russian) or en (English)
       * @enum {string}
       */
      language: "ru" | "en";
      /** Format: date-time */
      last_login_at: string | null;
      last_name: string;
    };
    /** @description Every 4xx/5xx answer */
    ErrorResponse: {
      error: {
        /**
         * @description Stable in every language
         * @example invalid
         */
        code: string;
        fields: {
          [key: string]: string[];
        };
        /** @description In the language Accept-Language asks for, else DEFAULT_LANGUAGE */
        message: string;
      };
    };
    Job: {
      /** Format: date-time */
      completed_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description Why it failed, once failed */
      error: string | null;
      /** Format: uuid */
      id: string;
      /** @example clear-debt */
      name: string;
      /** @description What the job returned, once completed; clear-debt gives {cleared} */
      result: {
        [key: string]: unknown;
      } | null;
      /** @enum {string} */
      state: "queued" | "active" | "completed" | "failed" | "cancelled";
    };
    JobQueue: {
      active: number;
      /** @description Completed and not yet archived by pg-boss (12 hours) */
      completed: number;
      /** @description Failed (cancelled ones are no failures) and not yet archived by pg-boss (12 hours) */
      failed: number;
      /** @example accrue-debt */
      name: string;
      /** @description How long the oldest queued job has been due; 0 when none is queued */
      oldest_queued_seconds: number;
      queued: number;
    };
    PaginatedAuditLogList: {
      /** @description How many rows the list holds; an estimate when count_is_estimate */
      count: number;
      /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
      count_is_estimate: boolean;
      next: string | null;
      previous: string | null;
      results: components["schemas"]["AuditLog"][];
    };
    PaginatedCompanyDebtHistoryList: {
      /** @description How many rows the list holds; an estimate when count_is_estimate */
      count: number;
      /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
      count_is_estimate: boolean;
      next: string | null;
      previous: string | null;
      results: components["schemas"]["CompanyDebtHistory"][];
    };
    PaginatedCompanyList: {
      /** @description How many rows the list holds; an estimate when count_is_estimate */
      count: number;
      /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
      count_is_estimate: boolean;
      next: string | null;
      previous: string | null;
      results: components["schemas"]["Company"][];
    };
    PaginatedEmployeeList: {
      /** @description How many rows the list holds; an estimate when count_is_estimate */
      count: number;
      /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
      count_is_estimate: boolean;
      next: string | null;
      previous: string | null;
      results: components["schemas"]["Employee"][];
    };
    PaginatedJobQueueList: {
      results: components["schemas"]["JobQueue"][];
    };
    PaginatedProductList: {
      /** @description How many rows the list holds; an estimate when count_is_estimate */
      count: number;
      /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
      count_is_estimate: boolean;
      next: string | null;
      previous: string | null;
      results: components["schemas"]["Product"][];
    };
    PaginatedScheduleList: {
      results: components["schemas"]["Schedule"][];
    };
    PaginatedStaffList: {
      /** @description How many rows the list holds; an estimate when count_is_estimate */
      count: number;
      /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
      count_is_estimate: boolean;
      next: string | null;
      previous: string | null;
      results: components["schemas"]["Staff"][];
    };
    Product: {
      /** Format: date-time */
      created_at: string;
      id: number;
      model: string;
      name: string;
      /**
       * Format: date
       * @example 2024-01-31
       */
      release_date: string | null;
    };
    Schedule: {
      /** @example 0 *\/3 * * * */
      cron: string;
      /** @description The queue's latest failed job */
      last_failure: {
        /** Format: date-time */
        at: string;
        error: string | null;
        /** Format: uuid */
        job_id: string;
      } | null;
      /** @description The latest run (maintenance: its latest completed job, with companies_touched 0 and total_change 0.00) */
      last_run: {
        companies_touched: number;
        /**
         * Format: date-time
         * @description null while it runs
         */
        finished_at: string | null;
        /** Format: date-time */
        slot: string;
        /** Format: date-time */
        started_at: string;
        /**
         * @description interrupted: unfinished and quiet for a minute; the next run of its task goes on with it
         * @enum {string}
         */
        state: "finished" | "running" | "interrupted";
        /** @example -1234.56 */
        total_change: string;
      } | null;
      /** @enum {string} */
      name: "accrue-debt" | "repay-debt" | "maintenance";
      /** Format: date-time */
      next_run_at: string;
      /**
       * @description The cron's time zone, APP_TIMEZONE
       * @example Europe/Moscow
       */
      timezone: string;
    };
    /** @description A staff user: a user of role staff, who runs the network in the admin */
    Staff: {
      /** Format: date-time */
      created_at: string;
      email: string;
      first_name: string;
      id: number;
      is_active: boolean;
      /**
       * @description The language of their emails and of the admin: ru (Russian) or en (English)
       * @enum {string}
       */
      language: "ru" | "en";
      /** Format: date-time */
      last_login_at: string | null;
      last_name: string;
      /** @description Whether they have set a password (accepted their invitation) */
      registered: boolean;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  root_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Each resource's name and its list's address */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "companies": "https://supplynet.example/api/v1/companies"
           *     }
           */
          "application/json": {
            [key: string]: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  audit_log_list: {
    parameters: {
      query?: {
        /** @description create, update, delete; deactivate and reactivate (is_active changed); clear_debt; invite (sent or resent); password_reset (by the account's owner, with a link); change_password; run_task (cli, or the admin's Run now); retry_job and cancel_job (a background job); createsuperuser (cli) */
        action?:
          | "create"
          | "update"
          | "delete"
          | "deactivate"
          | "reactivate"
          | "clear_debt"
          | "invite"
          | "password_reset"
          | "change_password"
          | "run_task"
          | "createsuperuser"
          | "retry_job"
          | "cancel_job";
        /** @description The user who acted */
        actor_id?: number;
        /**
         * @description From this day on (inclusive), in the application's time zone
         * @example 2026-12-01
         */
        date_from?: string;
        /**
         * @description Up to this day (inclusive)
         * @example 2026-12-01
         */
        date_to?: string;
        /** @description The object's id (a task's name for a task) */
        object_id?: string;
        /** @description company, product, employee, staff (a staff user), task (a scheduled task, named by object_id), job (a background job, by its id) */
        object_type?: "company" | "product" | "employee" | "staff" | "task" | "job";
        /** @description Sort field; prefix with - for descending */
        ordering?: "at" | "-at";
        page?: number;
        page_size?: number;
        /** @description api: a request; cli: a supplynet command */
        source?: "api" | "cli";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedAuditLogList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_invitation_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description From the invitation link */
          token: string;
        };
      };
    };
    responses: {
      /** @description Whom the invitation is for, and from whom */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description null for a staff user */
            company_name: string | null;
            email: string;
            /** Format: date-time */
            expires_at: string;
            /** @description The inviting staff member's name, else their email; null once they are deleted */
            invited_by: string | null;
            /** @enum {string} */
            role: "staff" | "employee";
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_logout_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          refresh: string;
        };
      };
    };
    responses: {
      /** @description Logged out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_me_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The logged-in user */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            company_id: number | null;
            email: string;
            first_name: string;
            id: number;
            is_active: boolean;
            /**
             * @description The language of your emails: ru (Russian) or en (English)
             * @enum {string}
             */
            language: "ru" | "en";
            last_name: string;
            /** @enum {string} */
            role: "staff" | "employee";
          };
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_me_partial_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * @description The language of your emails: ru (Russian) or en (English)
           * @enum {string}
           */
          language?: "ru" | "en";
        };
      };
    };
    responses: {
      /** @description The logged-in user */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            company_id: number | null;
            email: string;
            first_name: string;
            id: number;
            is_active: boolean;
            /**
             * @description The language of your emails: ru (Russian) or en (English)
             * @enum {string}
             */
            language: "ru" | "en";
            last_name: string;
            /** @enum {string} */
            role: "staff" | "employee";
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_password_change_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          current_password: string;
          /** @description At least 8 characters; not a common password, nor your email */
          new_password: string;
        };
      };
    };
    responses: {
      /** @description A fresh access token and refresh token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived */
            access: string;
            /** @description Opaque; trade it at /auth/token/refresh. Each use rotates it. */
            refresh: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_password_reset_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The account's email, any case */
          email: string;
        };
      };
    };
    responses: {
      /** @description Accepted; the work continues in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            detail: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_password_reset_account_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description From the password reset link */
          token: string;
        };
      };
    };
    responses: {
      /** @description Whose password the link sets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description null for a staff user */
            company_name: string | null;
            email: string;
            /** Format: date-time */
            expires_at: string;
            /** @enum {string} */
            role: "staff" | "employee";
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_password_reset_confirm_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description At least 8 characters; not a common password, nor your email */
          password: string;
          /** @description From the password reset link */
          token: string;
        };
      };
    };
    responses: {
      /** @description The password is set and every session signed out */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            detail: string;
            email: string;
            /** @enum {string} */
            role: "staff" | "employee";
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_register_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description First name */
          first_name?: string;
          /** @description Last name */
          last_name?: string;
          /** @description At least 8 characters; not a common password, nor your email */
          password: string;
          /** @description From the invitation link */
          token: string;
        };
      };
    };
    responses: {
      /** @description Registered and logged in */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived */
            access: string;
            /** @description Opaque; trade it at /auth/token/refresh. Each use rotates it. */
            refresh: string;
            /** @description The logged-in user */
            user: {
              company_id: number | null;
              email: string;
              first_name: string;
              id: number;
              is_active: boolean;
              /**
               * @description The language of your emails: ru (Russian) or en (English)
               * @enum {string}
               */
              language: "ru" | "en";
              last_name: string;
              /** @enum {string} */
              role: "staff" | "employee";
            };
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_session_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Any case */
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description A fresh access token; the refresh token is in the httpOnly session cookie */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived. Keep it in memory only. */
            access: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not JSON. Code: `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_session_logout_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An empty JSON object: {} */
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description Logged out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not JSON. Code: `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_session_password_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          current_password: string;
          /** @description At least 8 characters; not a common password, nor your email */
          new_password: string;
        };
      };
    };
    responses: {
      /** @description A fresh access token; the refresh token is in the httpOnly session cookie */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived. Keep it in memory only. */
            access: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not JSON. Code: `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_session_refresh_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An empty JSON object: {} */
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description A fresh access token; the refresh token is in the httpOnly session cookie */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived. Keep it in memory only. */
            access: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not JSON. Code: `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_token_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Any case */
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description A fresh access token and refresh token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived */
            access: string;
            /** @description Opaque; trade it at /auth/token/refresh. Each use rotates it. */
            refresh: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  auth_token_refresh_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          refresh: string;
        };
      };
    };
    responses: {
      /** @description A fresh access token and refresh token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description JWT for the Authorization: Bearer header; short-lived */
            access: string;
            /** @description Opaque; trade it at /auth/token/refresh. Each use rotates it. */
            refresh: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_list: {
    parameters: {
      query?: {
        /** @description Exact, any case */
        city?: string;
        /** @description Exact, any case */
        country?: string;
        /** @description Created at or after (inclusive); a date means its start, UTC */
        created_after?: string;
        /** @description Created before (exclusive); a date means its start, UTC */
        created_before?: string;
        /**
         * @description At most 9999999999999.99
         * @example 1234.56
         */
        debt_max?: string;
        /**
         * @description At most 9999999999999.99
         * @example 1234.56
         */
        debt_min?: string;
        has_debt?: boolean;
        /** @description factory → distributor → dealership → retail_chain → entrepreneur */
        level?: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
        /** @description Sort field; prefix with - for descending */
        ordering?:
          | "name"
          | "-name"
          | "level"
          | "-level"
          | "city"
          | "-city"
          | "country"
          | "-country"
          | "debt"
          | "-debt"
          | "created_at"
          | "-created_at"
          | "id"
          | "-id";
        page?: number;
        page_size?: number;
        product?: number;
        /** @description Name or email contains (any case) */
        search?: string;
        supplier?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedCompanyList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          city: string;
          country: string;
          /**
           * @description At most 99999999999.99
           * @example 1234.56
           */
          debt?: string;
          /** Format: email */
          email: string;
          house_number: string;
          /**
           * @description factory → distributor → dealership → retail_chain → entrepreneur
           * @enum {string}
           */
          level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
          name: string;
          /** @description The products the company sells; replaces the whole set */
          product_ids?: number[];
          street: string;
          /** @description A company one level up; null for a factory */
          supplier_id?: number | null;
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Company"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Company"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          city: string;
          country: string;
          /** @description Read-only after creation: a PUT carrying it is refused with 400. */
          debt?: unknown;
          /** Format: email */
          email: string;
          house_number: string;
          /**
           * @description factory → distributor → dealership → retail_chain → entrepreneur
           * @enum {string}
           */
          level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
          name: string;
          /** @description The products the company sells; replaces the whole set */
          product_ids?: number[];
          street: string;
          /** @description A company one level up; null for a factory */
          supplier_id: number | null;
        };
      };
    };
    responses: {
      /** @description Updated */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Company"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_destroy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No Content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_partial_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          city?: string;
          country?: string;
          /** @description Read-only after creation: a PATCH carrying it is refused with 400. */
          debt?: unknown;
          /** Format: email */
          email?: string;
          house_number?: string;
          /**
           * @description factory → distributor → dealership → retail_chain → entrepreneur
           * @enum {string}
           */
          level?: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
          name?: string;
          /** @description The products the company sells; replaces the whole set */
          product_ids?: number[];
          street?: string;
          /** @description A company one level up; null for a factory */
          supplier_id?: number | null;
        };
      };
    };
    responses: {
      /** @description Updated */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Company"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_debt_chart_retrieve: {
    parameters: {
      query?: {
        /**
         * @description From this day on (inclusive); by default about three years back
         * @example 2026-12-01
         */
        date_from?: string;
        /**
         * @description Up to this day (inclusive); by default today
         * @example 2026-12-01
         */
        date_to?: string;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Days between two points kept the earlier point's debt */
            points: {
              /**
               * Format: date
               * @description A day that changed the debt
               * @example 2026-12-01
               */
              day: string;
              /**
               * @description At its end
               * @example 1234.56
               */
              debt: string;
            }[];
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_debt_history_list: {
    parameters: {
      query?: {
        /**
         * @description From this day on (inclusive), in the application's time zone
         * @example 2026-12-01
         */
        date_from?: string;
        /**
         * @description Up to this day (inclusive)
         * @example 2026-12-01
         */
        date_to?: string;
        /** @description opening (at creation), accrual, repayment, staff_clear, job_clear, correction (raw SQL), deletion, rollup (an old month's entries summed) */
        kind?:
          | "opening"
          | "accrual"
          | "repayment"
          | "staff_clear"
          | "job_clear"
          | "correction"
          | "deletion"
          | "rollup";
        page?: number;
        page_size?: number;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedCompanyDebtHistoryList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found`; or A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_employees_list: {
    parameters: {
      query?: {
        is_active?: boolean;
        /** @description Sort field; prefix with - for descending */
        ordering?:
          | "id"
          | "-id"
          | "email"
          | "-email"
          | "first_name"
          | "-first_name"
          | "last_name"
          | "-last_name"
          | "created_at"
          | "-created_at"
          | "last_login_at"
          | "-last_login_at";
        page?: number;
        page_size?: number;
        /** @description Part of the email, first or last name (any case) */
        search?: string;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedEmployeeList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found`; or A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_get_qr_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted; the work continues in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            detail: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_get_qr_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted; the work continues in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            detail: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Rate limited; see Retry-After. Code: `throttled` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_products_list: {
    parameters: {
      query?: {
        /** @description Sort field; prefix with - for descending */
        ordering?: "name" | "-name" | "model" | "-model" | "release_date" | "-release_date" | "id" | "-id";
        page?: number;
        page_size?: number;
        /** @description Name or model contains (any case) */
        search?: string;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedProductList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found`; or A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_tree_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Nodes of this same shape, recursively */
            children: unknown[];
            /** @example 1234.56 */
            debt: string;
            id: number;
            /**
             * @description factory → distributor → dealership → retail_chain → entrepreneur
             * @enum {string}
             */
            level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
            name: string;
            /** @description How many nodes the answer holds */
            nodes: number;
            /** @description True when the tree was cut at the node limit */
            truncated: boolean;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_clear_debt_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          ids: number[];
        };
      };
    };
    responses: {
      /** @description Created */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Companies whose debt is set to 0 */
            cleared: number;
            /** @description Factories among the ids: never in debt, left alone */
            skipped_factories: number;
            /** @description Ids that name no company; they are ignored */
            unknown_ids: number[];
            /**
             * @description What they owed, in all
             * @example 98765432.10
             */
            written_off: string;
          };
        };
      };
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** Format: uuid */
            job_id: string;
            /** @description Ids that name no company; they are ignored */
            unknown_ids: number[];
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_clear_debt_preview_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          ids: number[];
        };
      };
    };
    responses: {
      /** @description Created */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description Companies whose debt is set to 0 */
            cleared: number;
            /** @description Whether POST /companies/clear_debt would hand these to a job */
            in_background: boolean;
            /** @description Up to this many distinct ids are cleared at once, more by a job */
            inline_limit: number;
            /** @description Factories among the ids: never in debt, left alone */
            skipped_factories: number;
            /** @description Ids that name no company; they are ignored */
            unknown_ids: number[];
            /**
             * @description What they owed, in all
             * @example 98765432.10
             */
            written_off: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_debt_above_average_list: {
    parameters: {
      query?: {
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedCompanyList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_export_csv_retrieve: {
    parameters: {
      query?: {
        /** @description Exact, any case */
        city?: string;
        /** @description Exact, any case */
        country?: string;
        /** @description Created at or after (inclusive); a date means its start, UTC */
        created_after?: string;
        /** @description Created before (exclusive); a date means its start, UTC */
        created_before?: string;
        /**
         * @description At most 9999999999999.99
         * @example 1234.56
         */
        debt_max?: string;
        /**
         * @description At most 9999999999999.99
         * @example 1234.56
         */
        debt_min?: string;
        has_debt?: boolean;
        /** @description factory → distributor → dealership → retail_chain → entrepreneur */
        level?: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
        /** @description Sort field; prefix with - for descending */
        ordering?:
          | "name"
          | "-name"
          | "level"
          | "-level"
          | "city"
          | "-city"
          | "country"
          | "-country"
          | "debt"
          | "-debt"
          | "created_at"
          | "-created_at"
          | "id"
          | "-id";
        product?: number;
        /** @description Name or email contains (any case) */
        search?: string;
        supplier?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV (RFC 4180) in UTF-8 with a BOM: headers in your language, `,` between values and `.` before the kopecks in English, `;` and `,` in Russian; a value starting with = + - @ gets a leading apostrophe */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  companies_ids_retrieve: {
    parameters: {
      query?: {
        /** @description Exact, any case */
        city?: string;
        /** @description Exact, any case */
        country?: string;
        /** @description Created at or after (inclusive); a date means its start, UTC */
        created_after?: string;
        /** @description Created before (exclusive); a date means its start, UTC */
        created_before?: string;
        /**
         * @description At most 9999999999999.99
         * @example 1234.56
         */
        debt_max?: string;
        /**
         * @description At most 9999999999999.99
         * @example 1234.56
         */
        debt_min?: string;
        has_debt?: boolean;
        /** @description factory → distributor → dealership → retail_chain → entrepreneur */
        level?: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
        product?: number;
        /** @description Name or email contains (any case) */
        search?: string;
        supplier?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description How many companies match */
            count: number;
            /** @description The matching ids, ascending, at most 100000 */
            ids: number[];
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_list: {
    parameters: {
      query?: {
        company?: number;
        is_active?: boolean;
        /** @description Sort field; prefix with - for descending */
        ordering?:
          | "id"
          | "-id"
          | "email"
          | "-email"
          | "first_name"
          | "-first_name"
          | "last_name"
          | "-last_name"
          | "created_at"
          | "-created_at"
          | "last_login_at"
          | "-last_login_at";
        page?: number;
        page_size?: number;
        /** @description Part of the email, first or last name (any case) */
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedEmployeeList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          company_id: number;
          /** Format: email */
          email: string;
          /** @description First name */
          first_name?: string;
          /**
           * @description The language of their emails, ru or en; by default yours (the inviting staff member's)
           * @enum {string}
           */
          language?: "ru" | "en";
          /** @description Last name */
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description An employee: a user of role employee, with their company and latest invitation */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Employee"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An employee: a user of role employee, with their company and latest invitation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Employee"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          company_id: number;
          /** Format: email */
          email: string;
          /** @description First name */
          first_name?: string;
          /** @description false signs the employee out everywhere */
          is_active?: boolean;
          /**
           * @description The language of their emails: ru (Russian) or en (English)
           * @enum {string}
           */
          language?: "ru" | "en";
          /** @description Last name */
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description An employee: a user of role employee, with their company and latest invitation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Employee"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_destroy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_partial_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          company_id?: number;
          /** Format: email */
          email?: string;
          /** @description First name */
          first_name?: string;
          /** @description false signs the employee out everywhere */
          is_active?: boolean;
          /**
           * @description The language of their emails: ru (Russian) or en (English)
           * @enum {string}
           */
          language?: "ru" | "en";
          /** @description Last name */
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description An employee: a user of role employee, with their company and latest invitation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Employee"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_resend_invite_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted; the work continues in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            detail: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  employees_export_csv_retrieve: {
    parameters: {
      query?: {
        company?: number;
        is_active?: boolean;
        /** @description Sort field; prefix with - for descending */
        ordering?:
          | "id"
          | "-id"
          | "email"
          | "-email"
          | "first_name"
          | "-first_name"
          | "last_name"
          | "-last_name"
          | "created_at"
          | "-created_at"
          | "last_login_at"
          | "-last_login_at";
        /** @description Part of the email, first or last name (any case) */
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV (RFC 4180) in UTF-8 with a BOM: headers in your language, `,` between values and `.` before the kopecks in English, `;` and `,` in Russian; a value starting with = + - @ gets a leading apostrophe */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  jobs_list: {
    parameters: {
      query?: {
        /** @description The queue */
        name?:
          | "accrue-debt"
          | "clear-debt"
          | "maintenance"
          | "repay-debt"
          | "send-invitation"
          | "send-password-reset"
          | "send-qr-email";
        page?: number;
        page_size?: number;
        /** @description queued (waiting, or waiting to retry), active, completed, failed, cancelled (by staff, before a worker took it) */
        state?: "queued" | "active" | "completed" | "failed" | "cancelled";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description How many rows the list holds; an estimate when count_is_estimate */
            count: number;
            /** @description true when the list has no filter or search and holds more than 100,000 rows: count is then the database's estimate, not an exact count. A filtered or searched list, and any smaller one, is counted exactly. Either way `next` is null exactly on the last page. */
            count_is_estimate: boolean;
            next: string | null;
            previous: string | null;
            results: {
              /** Format: date-time */
              completed_at: string | null;
              /** Format: date-time */
              created_at: string;
              /** @description Why it failed, once failed */
              error: string | null;
              /** Format: uuid */
              id: string;
              /** @example clear-debt */
              name: string;
              /** @description What the job returned, once completed; clear-debt gives {cleared} */
              result: {
                [key: string]: unknown;
              } | null;
              /** @description Attempts after the first */
              retry_count: number;
              /** @description Attempts after the first that pg-boss allows before failing it */
              retry_limit: number;
              /**
               * Format: date-time
               * @description When its latest attempt started
               */
              started_at: string | null;
              /** @enum {string} */
              state: "queued" | "active" | "completed" | "failed" | "cancelled";
            }[];
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  jobs_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Job"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  jobs_cancel_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Created */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Job"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The job is not in a state that allows it. Code: `job.not_queued` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  jobs_retry_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Created */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Job"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The job is not in a state that allows it. Code: `job.not_failed` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  jobs_queues_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedJobQueueList"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_list: {
    parameters: {
      query?: {
        /** @description Sort field; prefix with - for descending */
        ordering?: "name" | "-name" | "model" | "-model" | "release_date" | "-release_date" | "id" | "-id";
        page?: number;
        page_size?: number;
        /** @description Name or model contains (any case) */
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedProductList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          model: string;
          name: string;
          /**
           * Format: date
           * @example 2024-01-31
           */
          release_date?: string | null;
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          model: string;
          name: string;
          /**
           * Format: date
           * @example 2024-01-31
           */
          release_date?: string | null;
        };
      };
    };
    responses: {
      /** @description Updated */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_destroy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No Content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_partial_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          model?: string;
          name?: string;
          /**
           * Format: date
           * @example 2024-01-31
           */
          release_date?: string | null;
        };
      };
    };
    responses: {
      /** @description Updated */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  products_export_csv_retrieve: {
    parameters: {
      query?: {
        /** @description Sort field; prefix with - for descending */
        ordering?: "name" | "-name" | "model" | "-model" | "release_date" | "-release_date" | "id" | "-id";
        /** @description Name or model contains (any case) */
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV (RFC 4180) in UTF-8 with a BOM: headers in your language, `,` between values and `.` before the kopecks in English, `;` and `,` in Russian; a value starting with = + - @ gets a leading apostrophe */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  schedules_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedScheduleList"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  schedules_run_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued; follow it at GET /jobs/{job_id} */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** Format: uuid */
            job_id: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  staff_list: {
    parameters: {
      query?: {
        is_active?: boolean;
        /** @description Sort field; prefix with - for descending */
        ordering?:
          | "id"
          | "-id"
          | "email"
          | "-email"
          | "first_name"
          | "-first_name"
          | "last_name"
          | "-last_name"
          | "created_at"
          | "-created_at"
          | "last_login_at"
          | "-last_login_at";
        page?: number;
        page_size?: number;
        /** @description Part of the email, first or last name (any case) */
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the list, with the links to the next and previous pages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PaginatedStaffList"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description A page past the last: `Invalid page.`. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  staff_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: email */
          email: string;
          /** @description First name */
          first_name?: string;
          /**
           * @description The language of their emails and admin, ru or en; by default yours (the inviting staff user's)
           * @enum {string}
           */
          language?: "ru" | "en";
          /** @description Last name */
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description A staff user: a user of role staff, who runs the network in the admin */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Staff"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  staff_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A staff user: a user of role staff, who runs the network in the admin */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Staff"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  staff_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description First name */
          first_name?: string;
          /** @description false deactivates and signs them out everywhere; never yourself, nor the last active staff user */
          is_active?: boolean;
          /**
           * @description The language of their emails and admin: ru (Russian) or en (English)
           * @enum {string}
           */
          language?: "ru" | "en";
          /** @description Last name */
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description A staff user: a user of role staff, who runs the network in the admin */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Staff"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  staff_partial_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description First name */
          first_name?: string;
          /** @description false deactivates and signs them out everywhere; never yourself, nor the last active staff user */
          is_active?: boolean;
          /**
           * @description The language of their emails and admin: ru (Russian) or en (English)
           * @enum {string}
           */
          language?: "ru" | "en";
          /** @description Last name */
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description A staff user: a user of role staff, who runs the network in the admin */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Staff"];
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Body too large. Code: `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  staff_resend_invite_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted; the work continues in the background */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            detail: string;
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Not found, or outside your company. Code: `not_found` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Conflicts with the current data. Code: `conflict` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  stats_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /**
             * @description Over companies that have a supplier
             * @example 1234.56
             */
            average_debt: string;
            companies_per_level: {
              dealership: number;
              distributor: number;
              entrepreneur: number;
              factory: number;
              retail_chain: number;
            };
            companies_total: number;
            /** @description The companies whose debt is above average_debt */
            debt_above_average: {
              count: number;
              /**
               * @description The least debt above the average: the companies list's debt_min that lists exactly these companies
               * @example 98765432.10
               */
              debt_from: string;
              /**
               * @description Their share of total_debt, in percent, rounded to hundredths
               * @example 45.23
               */
              share_percent: string;
              /** @example 98765432.10 */
              total: string;
            };
            tasks: {
              last_run: {
                companies_touched: number;
                /** Format: date-time */
                finished_at: string | null;
                /** Format: date-time */
                slot: string;
                /** @example -1234.56 */
                total_change: string;
              } | null;
              /** Format: date-time */
              next_run_at: string;
              /** @description cron, in APP_TIMEZONE */
              schedule: string;
              task: string;
            }[];
            top_debtors: {
              /** @example 1234.56 */
              debt: string;
              id: number;
              /**
               * @description factory → distributor → dealership → retail_chain → entrepreneur
               * @enum {string}
               */
              level: "factory" | "distributor" | "dealership" | "retail_chain" | "entrepreneur";
              name: string;
            }[];
            /** @example 98765432.10 */
            total_debt: string;
          };
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  stats_debt_totals_retrieve: {
    parameters: {
      query?: {
        /** @description How many days back; 90 by default */
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            points: {
              /**
               * Format: date
               * @description In APP_TIMEZONE
               */
              day: string;
              /**
               * @description The network's total debt after the day's last scheduled run
               * @example 98765432.10
               */
              total_debt: string;
            }[];
          };
        };
      };
      /** @description Invalid input; every bad field is named in error.fields. Codes: `invalid`, `parse_error` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description No valid access token. Code: `not_authenticated` */
      401: {
        headers: {
          /** @description How to authenticate */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Your role may not do this. Code: `forbidden` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description Unavailable for now; see Retry-After. Codes: `database_unavailable`, `timeout`, `unavailable`, `rate_limit_unavailable` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
      /** @description The database did not answer in time. Code: `database_timeout` */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorResponse"];
        };
      };
    };
  };
  health_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            database: {
              /** @enum {string} */
              driver: "pg" | "pglite";
              latency_ms: number;
              /**
               * @description "timeout" when the database did not answer within 500 ms
               * @enum {string}
               */
              status: "ok" | "unreachable" | "timeout";
            };
            /**
             * @description "degraded" while the database is not "ok"; the process itself still serves
             * @enum {string}
             */
            status: "ok" | "degraded";
          };
        };
      };
    };
  };
  ready_retrieve: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            database: {
              /** @enum {string} */
              driver: "pg" | "pglite";
              latency_ms: number;
              /**
               * @description "timeout" when the database did not answer within 500 ms
               * @enum {string}
               */
              status: "ok" | "unreachable" | "timeout";
            };
            migrations: {
              /** @description The committed migrations this database lacks; null when they could not be read */
              pending: string[] | null;
            };
            /** @enum {string} */
            status: "ready";
          };
        };
      };
      /** @description Not ready: take this instance out of the load balancer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            database: {
              /** @enum {string} */
              driver: "pg" | "pglite";
              latency_ms: number;
              /**
               * @description "timeout" when the database did not answer within 500 ms
               * @enum {string}
               */
              status: "ok" | "unreachable" | "timeout";
            };
            error: {
              /**
               * @description Stable in every language
               * @example invalid
               */
              code: string;
              fields: {
                [key: string]: string[];
              };
              /** @description In the language Accept-Language asks for, else DEFAULT_LANGUAGE */
              message: string;
            };
            migrations: {
              /** @description The committed migrations this database lacks; null when they could not be read */
              pending: string[] | null;
            };
          };
        };
      };
    };
  };
}
