import english from "ra-language-english";

const companies = {
  name: "Company |||| Companies",
  fields: {
    name: "Name",
    email: "Email",
    country: "Country",
    city: "City",
    street: "Street",
    house_number: "House number",
    level: "Level",
    supplier: "Supplier",
    supplier_id: "Supplier",
    debt: "Debt",
    has_debt: "Debt",
    opening_debt: "Opening debt",
    debt_read_only: "Debt (changes only by clearing debt and the scheduled tasks)",
    created_at: "Created",
    product_ids: "Products",
    product: "Sells product",
    debt_min: "Debt from",
    debt_max: "Debt to",
    created_after: "Created from",
    created_before: "Created before",
  },
  page: { create: "New company", edit: "Company %{recordRepresentation}" },
  empty: "No companies yet",
  invite: "Create the first one?",
  search: "Name or email",
  has_debt: { yes: "Has debt", no: "No debt" },
  created: {
    title: "Created",
    today: "Today",
    this_week: "This week",
    this_month: "This month",
    this_year: "This year",
  },
  hints: {
    level: "A company that supplies others cannot change its level.",
    choose_level_first: "Choose the level first: the supplier is one level up.",
    factory: "A factory is the top of the chain: it has no supplier and no debt.",
    supplier_required: "A company below factory level needs a supplier.",
    supplier: {
      distributor:
        "Only a factory can supply a distributor: a supplier is always exactly one level up the chain.",
      dealership:
        "Only a distributor can supply a dealership: a supplier is always exactly one level up the chain.",
      retail_chain:
        "Only a dealership can supply a retail chain: a supplier is always exactly one level up the chain.",
      entrepreneur:
        "Only a retail chain can supply an individual entrepreneur: a supplier is always exactly one level up the chain.",
    },
    money: "A sum like 1234.56: up to 13 digits and 2 decimals.",
    opening_debt: "Owed to the supplier, e.g. 1234.56. Read-only after creation; a factory has none.",
  },
  delete: {
    title: "Delete this company?",
    content: "A company that supplies others cannot be deleted; the server will say so.",
  },
  clients: {
    title: "Companies it supplies",
    empty: "It supplies no company yet.",
  },
  employees: {
    title: "Employees",
    empty: "No employees yet.",
    invite: "Invite an employee",
  },
  history: {
    title: "Debt history",
    chart: "Debt over time",
    empty: "No change of the debt here.",
    fields: {
      at: "Time",
      kind: "Kind",
      amount: "Change",
      balance: "Debt after it",
      cause: "Cause",
      date_from: "From",
      date_to: "To",
    },
    causes: { staff: "Staff user", run: "Scheduled run", job: "Background job" },
  },
  clear_debt: {
    button: "Clear debt",
    title: "Clear debt",
    content:
      "Set the debt of %{count} company to %{zero}? This cannot be undone. |||| Set the debt of %{count} companies to %{zero}? This cannot be undone.",
    clearing: "Clearing…",
    progress: "Job %{state}…",
    scheduled:
      "Job scheduled: clearing the debt of %{count} company%{skipped}. |||| Job scheduled: clearing the debt of %{count} companies%{skipped}.",
    counting: "Counting the debt to write off…",
    count_failed: "Could not count the debt to write off: %{error}",
    written_off: "%{amount} will be written off.",
    factories_left:
      "%{count} factory among them owes nothing and is left alone. |||| %{count} factories among them owe nothing and are left alone.",
    unknown_left: "%{count} of them no longer exists. |||| %{count} of them no longer exist.",
    background:
      "More than %{limit} companies: a background job clears them, and this page says when it is done.",
    cleared:
      "Cleared %{count} company of %{selected}, %{amount} written off%{skipped} |||| Cleared %{count} companies of %{selected}, %{amount} written off%{skipped}",
    skipped_factories: "; %{count} factory owes nothing |||| ; %{count} factories owe nothing",
    skipped: "; %{count} no longer exists |||| ; %{count} no longer exist",
    failed: "Clearing debt failed: %{error}",
    failed_plainly: "Clearing debt failed.",
    unknown_error: "unknown error",
    cancelled: "Clearing debt was cancelled before it began; no debt was cleared.",
    still_running: "Job %{id} is still running after 10 minutes; check it later through the API.",
  },
};

const products = {
  name: "Product |||| Products",
  fields: {
    name: "Name",
    model: "Model",
    release_date: "Release date",
    created_at: "Added",
  },
  page: { create: "New product", edit: "Product %{recordRepresentation}" },
  empty: "No products yet",
  invite: "Add the first one?",
  search: "Name or model",
  hints: { model: "A name and model pair is unique." },
};

const employees = {
  name: "Employee |||| Employees",
  fields: {
    email: "Email",
    first_name: "First name",
    last_name: "Last name",
    full_name: "Name",
    company: "Company",
    company_id: "Company",
    is_active: "Active",
    status: "Status",
    invitation: "Invitation",
    last_login_at: "Last login",
    language: "Language of emails",
  },
  page: { create: "Invite an employee", edit: "Employee %{recordRepresentation}" },
  empty: "No employees yet",
  invite: "Invite the first one?",
  search: "Email or name",
  status: { active: "Active", deactivated: "Deactivated" },
  deactivated: "deactivated",
  never_logged_in: "never",
  hints: {
    email: "The invitation goes here.",
    language: "Their invitation and other emails come in this language.",
    is_active: "A deactivated employee can no longer log in; their tokens stop working at once.",
  },
  invitation: { pending: "pending", accepted: "accepted", expired: "expired" },
  invited: "Invitation sent to %{email}",
  resend: { button: "Resend invitation", sent: "A new invitation is on its way to %{email}" },
};

const staff = {
  name: "Staff user |||| Staff",
  fields: {
    email: "Email",
    first_name: "First name",
    last_name: "Last name",
    full_name: "Name",
    is_active: "Active",
    status: "Status",
    registered: "Registered",
    last_login_at: "Last login",
    language: "Language",
    created_at: "Invited",
  },
  page: { create: "Invite a staff user", edit: "Staff user %{recordRepresentation}" },
  empty: "No staff users yet",
  invite: "Invite one?",
  search: "Email or name",
  status: { active: "Active", deactivated: "Deactivated" },
  never_logged_in: "never",
  hints: {
    email: "The invitation goes here.",
    language: "Their invitation, their other emails and the admin come in this language.",
    is_active:
      "A deactivated staff user can no longer log in; their sessions end at once. Nobody can deactivate themselves or the last active staff user.",
  },
  invited: "Invitation sent to %{email}",
  resend: { button: "Resend invitation", sent: "A new invitation is on its way to %{email}" },
  toggle: {
    deactivate: "Deactivate",
    activate: "Activate",
    deactivated: "%{email} has been deactivated and signed out",
    activated: "%{email} is active again",
  },
};

const audit_log = {
  name: "Audit log entry |||| Audit log",
  fields: {
    at: "Time",
    actor_id: "Who",
    actor_label: "Who",
    source: "Source",
    ip: "IP address",
    object: "Object",
    object_type: "Object type",
    object_id: "Object id",
    action: "Action",
    changes: "Changes",
    details: "Details",
    date_from: "From",
    date_to: "To",
  },
  empty: "Nothing has been recorded yet",
  history: "History",
  actions: {
    create: "Created",
    update: "Changed",
    delete: "Deleted",
    clear_debt: "Debt cleared",
    invite: "Invitation sent",
    deactivate: "Deactivated",
    reactivate: "Activated again",
    password_reset: "Password reset",
    change_password: "Password changed",
    run_task: "Task run",
    createsuperuser: "Superuser created",
    retry_job: "Job retried",
    cancel_job: "Job cancelled",
  },
  object_types: {
    company: "Company",
    product: "Product",
    employee: "Employee",
    staff: "Staff user",
    task: "Scheduled task",
    job: "Job",
  },
  sources: { api: "API", cli: "Command line" },
  details: {
    name: "Name",
    model: "Model",
    email: "Email",
    company_id: "Company",
    resent: "Sent again",
    slot: "Slot",
    companies_touched: "Companies changed",
    total_change: "Total change",
    companies_at_ceiling: "Companies at the ceiling",
    ids: "Ids asked for",
    companies: "Companies",
    unknown_ids: "Unknown ids",
    cleared: "Cleared",
    written_off: "Written off",
    job_id: "Job",
    queue: "Queue",
  },
};

const jobs = {
  name: "Job |||| Jobs",
  fields: {
    id: "Id",
    name: "Queue",
    state: "State",
    created_at: "Created",
    started_at: "Started",
    completed_at: "Ended",
    retries: "Retries",
    error: "Error",
    result: "Result",
  },
  empty: "No jobs yet",
  details: { id: "Job %{id}" },
  retry: { button: "Retry", done: "Job %{id} (%{name}) is queued again" },
  cancel: { button: "Cancel", done: "Job %{id} (%{name}) is cancelled" },
  queues: {
    title: "Queues",
    queue: "Queue",
    queued: "Queued",
    active: "Running",
    failed: "Failed",
    completed: "Completed",
    oldest: "Oldest waiting",
    load_failed: "Could not load the queues: %{error}",
  },
  schedules: {
    title: "Schedules",
    task: "Task",
    cron: "Schedule (cron)",
    last_run: "Last run",
    took: "took %{duration}",
    running: "still running",
    interrupted: "interrupted",
    finished: "finished",
    never: "never",
    companies: "Companies changed",
    total_change: "Total change",
    next_run: "Next run",
    last_failure: "Last failure",
    no_failure: "none",
    load_failed: "Could not load the schedules: %{error}",
    run: {
      button: "Run now",
      title: "Run %{task} now?",
      content: "%{task} is queued at once, and the worker applies it in the current slot.",
      queued: "%{task} queued: job %{id}",
    },
  },
};

const app = {
  /** The language's own name, as the language switch lists it. */
  language: "English",
  /** Languages as data (an employee's emails), named in the language shown. */
  languages: { ru: "Russian", en: "English" },
  /** The switch stores the choice as the staff user's language too, for their own emails. */
  language_not_saved: "Your language was not saved for your emails: %{error}",
  title: "supplynet admin",
  /** A list's range when its total is the database's estimate (count_is_estimate), not a count. */
  estimated_range: "%{offsetBegin}-%{offsetEnd} of ≈ %{total}",
  levels: {
    factory: "Factory",
    distributor: "Distributor",
    dealership: "Dealership",
    retail_chain: "Retail chain",
    entrepreneur: "Individual entrepreneur",
  },
  tasks: {
    "accrue-debt": "Debt accrual",
    "repay-debt": "Debt repayment",
    maintenance: "Maintenance",
  },
  jobs: {
    queued: "queued",
    active: "running",
    completed: "completed",
    failed: "failed",
    cancelled: "cancelled",
  },
  /** The kinds of a debt ledger's entries. */
  debt_kinds: {
    opening: "Opening balance",
    accrual: "Accrual",
    repayment: "Repayment",
    staff_clear: "Cleared by staff",
    job_clear: "Cleared by a job",
    correction: "Correction",
    deletion: "Company deleted",
    rollup: "Month rolled up",
  },
  debt_chart: {
    summary:
      "%{title}, %{from} to %{to}: %{first} at the start, %{last} at the end, %{max} at most (%{count} day) |||| %{title}, %{from} to %{to}: %{first} at the start, %{last} at the end, %{max} at most (%{count} days)",
    empty: "The debt did not change in these days.",
  },
  auth: {
    log_in: "Please log in.",
    session_expired: "Your session has expired. Please log in again.",
  },
  errors: { server_status: "The server answered %{status}." },
  dashboard: {
    total_debt: "Total debt",
    summary: "%{count} company, average debt %{average} |||| %{count} companies, average debt %{average}",
    per_level: "Companies per level",
    top_debtors: "Largest debtors",
    above_average: {
      title: "Debt above average",
      summary:
        "company owes more than the average, %{average} |||| companies owe more than the average, %{average}",
      share: "Together %{total}: %{share} of the total debt",
      show_all: "Open the list of these companies",
      none: "No company owes more than the average.",
    },
    load_failed: "Could not load the statistics: %{error}",
    debt_chart: "Total debt over time",
    recent_actions: {
      title: "Recent actions",
      empty: "No action of staff recorded yet.",
      all: "Open the audit log",
      load_failed: "Could not load the recent actions: %{error}",
    },
    tasks: {
      title: "Scheduled tasks",
      empty: "No scheduled tasks are registered.",
      task: "Task",
      schedule: "Schedule (cron)",
      last_run: "Last run",
      companies: "Companies",
      total_change: "Total change",
      next_run: "Next run",
      never: "never",
    },
  },
  network: {
    title: "Network",
    factory: "Factory",
    levels: "Levels",
    tree: "Supply tree of %{name}",
    node: "%{name} (%{level}), debt %{debt}",
    node_debt: "debt %{debt}",
    node_factory: "factory",
    summary:
      "%{count} company supplied from %{name}. Click one to edit it. |||| %{count} companies supplied from %{name}. Click one to edit it.",
    no_factory: "No factory yet: create one under Companies.",
    load_failed: "Could not load the tree: %{error}",
  },
  register: {
    title: "Join supplynet",
    first_name: "First name",
    last_name: "Last name",
    password: "Password",
    repeat: "Repeat the password",
    submit: "Create my account",
    passwords_differ: "The passwords differ.",
    rules: {
      title: "Your password must:",
      length: "have at least %{count} character; |||| have at least %{count} characters;",
      spaces: "not be only spaces;",
      email: "not be your email address or its part before the @;",
      common: "not be a commonly used password.",
    },
    no_token: "This link has no invitation token. Open the link from your email.",
    ready: "Your account %{email} is ready.",
    api: "Employees use the supplynet API: get a token with %{request} and your email and password.",
    docs: "The API is described at %{docs}.",
    invitation: {
      employee: "Invitation for %{email}, employee of %{company}.",
      employee_from: "Invitation for %{email}, employee of %{company}, from %{inviter}.",
      staff: "Invitation for %{email}, staff user of the admin.",
      staff_from: "Invitation for %{email}, staff user of the admin, from %{inviter}.",
    },
    staff: "Staff use this admin:",
  },
  account: {
    log_in: "Log in",
    forgot_link: "Forgot your password?",
    password: {
      menu: "Change password",
      title: "Change your password",
      current: "Current password",
      new: "New password",
      repeat: "Repeat the new password",
      submit: "Change password",
      changed: "Your password has been changed. Your other sessions have been signed out.",
    },
    forgot: {
      title: "Forgot your password",
      intro: "Enter your account's email: a link to set a new password will be sent there.",
      email: "Email",
      submit: "Send the link",
    },
    reset: {
      title: "Set a new password",
      staff: "New password for %{email}, staff user of the admin.",
      employee: "New password for %{email}, employee of %{company}.",
      password: "New password",
      repeat: "Repeat the new password",
      submit: "Set the password",
      no_token: "This link has no reset token. Open the link from your email.",
      ask_again: "Ask for a new link",
      staff_done: "Log in to the admin with it:",
    },
  },
};

/** Every other language gives the same keys as these, each a string (checked by the compiler here too). */
export type OwnMessages = Strings<{
  app: typeof app;
  resources: {
    companies: typeof companies;
    products: typeof products;
    employees: typeof employees;
    staff: typeof staff;
    audit_log: typeof audit_log;
    jobs: typeof jobs;
  };
}>;
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export default {
  ...english,
  ra: {
    ...english.ra,
    // Staff log in with their email address.
    auth: { ...english.ra.auth, username: "Email" },
  },
  app,
  resources: { companies, products, employees, staff, audit_log, jobs },
};
