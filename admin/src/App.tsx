import Box from "@mui/material/Box";
import type { ReactNode } from "react";
import {
  Admin,
  Authenticated,
  CustomRoutes,
  defaultTheme,
  Layout,
  LocalesMenuButton,
  Login,
  LoginForm,
  Menu,
  Resource,
} from "react-admin";
import { Route } from "react-router-dom";
import { authProvider } from "./authProvider";
import companies from "./companies";
import { Dashboard } from "./dashboard";
import { dataProvider } from "./dataProvider";
import employees from "./employees";
import { i18nProvider } from "./i18n";
import { useUserLanguage } from "./i18n/useUserLanguage";
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

const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <Menu.ResourceItems />
    <Menu.Item to={network.path} primaryText={network.label} leftIcon={<network.icon />} />
  </Menu>
);

/** The layout of the signed-in pages, where the admin follows the staff user's saved language. */
const AppLayout = ({ children }: { children: ReactNode }) => {
  useUserLanguage();
  return <Layout menu={AppMenu}>{children}</Layout>;
};

/** react-admin's login page, with the language switch that the app bar has after logging in (saved at login). */
const LoginPage = () => (
  <Login>
    <LoginForm />
    <Box sx={{ display: "flex", justifyContent: "center", pb: 1 }}>
      <LocalesMenuButton />
    </Box>
  </Login>
);

export function App() {
  return (
    <Admin
      title="supplynet"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={AppLayout}
      loginPage={LoginPage}
      theme={theme}
      // Nothing with the layout renders before the session is known: a first visit goes straight to the login
      // page, without the dashboard's requests failing first and a "Please log in" error for a user who has
      // done nothing wrong. The registration page (noLayout) is public and shows at once.
      requireAuth
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
