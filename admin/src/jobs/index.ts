import WorkHistoryIcon from "@mui/icons-material/WorkHistory";
import { JobList } from "./JobList";

/** A list only, as Flower's: jobs are made by the server and the worker; staff retry or cancel them from a row. */
export default {
  list: JobList,
  icon: WorkHistoryIcon,
};
