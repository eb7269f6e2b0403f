import HubIcon from "@mui/icons-material/AccountTree";
import BusinessIcon from "@mui/icons-material/Business";
import DevicesIcon from "@mui/icons-material/Devices";
import PeopleIcon from "@mui/icons-material/People";
import polyglotI18nProvider from "ra-i18n-polyglot";
import englishMessages from "ra-language-english";
import type { ReactNode } from "react";
import { Admin, Authenticated, CustomRoutes, defaultTheme, Layout, Menu, Resource } from "react-admin";
import { Route } from "react-router-dom";
import { authProvider } from "./authProvider";
import { CompanyCreate, CompanyEdit } from "./companies/CompanyForm";
import { CompanyList } from "./companies/CompanyList";
import { Dashboard } from "./Dashboard";
import { dataProvider } from "./dataProvider";
import { EmployeeCreate, EmployeeEdit, EmployeeList } from "./employees";
import { NetworkView } from "./NetworkView";
import { ProductCreate, ProductEdit, ProductList } from "./products";
import { RegisterPage } from "./RegisterPage";

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
    <Menu.Item to="/network" primaryText="Network" leftIcon={<HubIcon />} />
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
      <Resource
        name="companies"
        list={CompanyList}
        edit={CompanyEdit}
        create={CompanyCreate}
        icon={BusinessIcon}
        recordRepresentation="name"
      />
      <Resource
        name="products"
        list={ProductList}
        edit={ProductEdit}
        create={ProductCreate}
        icon={DevicesIcon}
        recordRepresentation={(product) => `${product.name} ${product.model}`}
      />
      <Resource
        name="employees"
        list={EmployeeList}
        edit={EmployeeEdit}
        create={EmployeeCreate}
        icon={PeopleIcon}
        recordRepresentation="email"
      />
      <CustomRoutes>
        <Route
          path="/network"
          element={
            <Authenticated>
              <NetworkView />
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
