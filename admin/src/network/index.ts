import HubIcon from "@mui/icons-material/AccountTree";
import { NetworkView } from "./NetworkView";

/** A page of its own rather than a resource: the menu links it and App routes it, both from here. */
export default {
  path: "/network",
  label: "app.network.title",
  icon: HubIcon,
  page: NetworkView,
};
