import PasswordIcon from "@mui/icons-material/Password";
import Box from "@mui/material/Box";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import type { ReactNode } from "react";
import {
  Admin,
  AppBar,
  Authenticated,
  CustomRoutes,
  defaultTheme,
  Layout,
  LocalesMenuButton,
  Login,
  LoginForm,
  Logout,
  Menu,
  Resource,
  UserMenu,
  useTranslate,
  useUserMenu,
} from "react-admin";
import { Link, Route } from "react-router-dom";
import {
  CHANGE_PASSWORD_PATH,
  ChangePasswordPage,
  FORGOT_PASSWORD_PATH,
  ForgotPasswordPage,
  ResetPasswordPage,
} from "./account";
import audit from "./audit";
import { authProvider } from "./authProvider";
import companies from "./companies";
import { Dashboard } from "./dashboard";
import { dataProvider } from "./dataProvider";
import employees from "./employees";
import { i18nProvider } from "./i18n";
import { useUserLanguage } from "./i18n/useUserLanguage";
import jobs from "./jobs";
import network from "./network";
import products from "./products";
import { RegisterPage } from "./register";
import staff from "./staff";

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

const ChangePasswordItem = () => {
  const { onClose } = useUserMenu() ?? {};
  const translate = useTranslate();
  return (
    <MenuItem component={Link} to={CHANGE_PASSWORD_PATH} onClick={onClose}>
      <ListItemIcon>
        <PasswordIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate("app.account.password.menu")}</ListItemText>
    </MenuItem>
  );
};

const AppAppBar = () => (
  <AppBar
    userMenu={
      <UserMenu>
        <ChangePasswordItem />
        <Logout />
      </UserMenu>
    }
  />
);

/** The layout of the signed-in pages, where the admin follows the staff user's saved language. */
const AppLayout = ({ children }: { children: ReactNode }) => {
  useUserLanguage();
  return (
    <Layout menu={AppMenu} appBar={AppAppBar}>
      {children}
    </Layout>
  );
};

const ForgotPasswordLink = () => (
  <Link to={FORGOT_PASSWORD_PATH}>{useTranslate()("app.account.forgot_link")}</Link>
);

/** react-admin's login page, with the language switch that the app bar has after logging in (saved at login). */
const LoginPage = () => (
  <Login>
    <LoginForm />
    <Box sx={{ display: "flex", justifyContent: "center", typography: "body2" }}>
      <ForgotPasswordLink />
    </Box>
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
      <Resource name="staff" {...staff} />
      <Resource name="audit_log" {...audit} />
      <Resource name="jobs" {...jobs} />
      <CustomRoutes>
        <Route
          path={network.path}
          element={
            <Authenticated>
              <network.page />
            </Authenticated>
          }
        />
        <Route
          path={CHANGE_PASSWORD_PATH}
          element={
            <Authenticated>
              <ChangePasswordPage />
            </Authenticated>
          }
        />
      </CustomRoutes>
      {/* Public: invitation and reset links land here before their owner has a password to log in with. */}
      <CustomRoutes noLayout>
        <Route path="/register" element={<RegisterPage />} />
        <Route path={FORGOT_PASSWORD_PATH} element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
      </CustomRoutes>
    </Admin>
  );
}
