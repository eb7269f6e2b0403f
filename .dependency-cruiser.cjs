/**
 * The import rule (docs/architecture.md, "Layers"): a module imports only from its own layer or the layers
 * below it, and a feature only from the features it is declared to build on. `npm run lint:imports` checks it,
 * and `npm test` runs that check first.
 */
const LAYERS = [
  ["base", "^src/((config|paths|user-error)\\.ts$|i18n/)"],
  ["db", "^src/db/"],
  ["http", "^src/http/"],
  ["queue", "^src/queue/"],
  ["mail", "^src/mail/"],
  ["metrics", "^src/metrics/"],
  ["auth", "^src/auth/"],
  ["features", "^src/(accounts|companies|products|employees|debts|stats|seed|health|audit|jobs)/"],
  ["composition", "^src/(app|worker|server|tasks)\\.ts$"],
  ["cli", "^src/(cli/|main\\.ts$)"],
];

/** Which features each feature builds on; together they must form no loop. */
const FEATURE_DEPENDENCIES = {
  accounts: [],
  companies: [],
  products: ["companies"],
  employees: ["accounts", "companies"],
  debts: ["companies"],
  stats: ["companies", "debts"],
  seed: ["companies", "products", "employees"],
  health: [],
  audit: [],
  jobs: ["debts"],
};

const layerRules = LAYERS.slice(0, -1).map(([name, path], index) => ({
  name: `layer-${name}`,
  comment: `${name} imports only from ${LAYERS.slice(0, index + 1)
    .map(([lower]) => lower)
    .join(", ")}`,
  severity: "error",
  from: { path },
  to: {
    path: LAYERS.slice(index + 1)
      .map(([, higher]) => `(${higher})`)
      .join("|"),
  },
}));

const featureRules = Object.entries(FEATURE_DEPENDENCIES).map(([feature, allowed]) => ({
  name: `feature-${feature}`,
  comment: `${feature} may use ${allowed.length ? allowed.join(", ") : "no other feature"}`,
  severity: "error",
  from: { path: `^src/${feature}/` },
  to: {
    path: "^src/(accounts|companies|products|employees|debts|stats|seed|health|audit|jobs)/",
    pathNot: `^src/(${[feature, ...allowed].join("|")})/`,
  },
}));

const unknownFolder = {
  name: "layer-unknown",
  comment: "every module under src/ belongs to a layer: add a new folder to LAYERS or FEATURE_DEPENDENCIES",
  severity: "error",
  from: { path: "^src/", pathNot: LAYERS.map(([, path]) => `(${path})`).join("|") },
  to: {},
};

module.exports = {
  forbidden: [
    ...layerRules,
    ...featureRules,
    unknownFolder,
    { name: "no-circular", severity: "error", from: { path: "^src/" }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.ts$" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
