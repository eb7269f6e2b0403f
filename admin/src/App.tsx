import polyglotI18nProvider from "ra-i18n-polyglot";
import englishMessages from "ra-language-english";
import type { ReactNode } from "react";
import { Admin, Authenticated, CustomRoutes, defaultTheme, Layout, Menu, Resource } from "react-admin";
import { Route } from "react-router-dom";
import { authProvider } from "./authProvider";
import companies from "./companies";
import { Dashboard } from "./dashboard";
import { dataProvider } from "./dataProvider";
import employees from "./employees";
import network from "./network";
import products from "./products";
import { RegisterPage } from "./register";

// System fonts only: the admin must work offline, so nothing is fetched from a font CDN.
const theme = {
  ...defaultTheme,
  typography: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  },
};

const i18nProvider = polyglotI18nProvider(
  () => ({
    ...englishMessages,
    ra: { ...englishMessages.ra, auth: { ...englishMessages.ra.auth, username: "Email" } },
  }),
  "en",
  { allowMissing: true },
);

const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <Menu.ResourceItems />
    <Menu.Item to={network.path} primaryText={network.label} leftIcon={<network.icon />} />
  </Menu>
);

const AppLayout = ({ children }: { children: ReactNode }) => <Layout menu={AppMenu}>{children}</Layout>;

export function App() {
  return (
    <Admin
      title="supplynet"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={AppLayout}
      theme={theme}
      disableTelemetry
    >
      <Resource name="companies" {...companies} />
      <Resource name="products" {...products} />
      <Resource name="employees" {...employees} />
      <CustomRoutes>
        <Route
          path={network.path}
          element={
            <Authenticated>
              <network.page />
            </Authenticated>
          }
        />
      </CustomRoutes>
      {/* Public: invitation links land here before the invitee has any password. */}
      <CustomRoutes noLayout>
        <Route path="/register" element={<RegisterPage />} />
      </CustomRoutes>
    </Admin>
  );
}
