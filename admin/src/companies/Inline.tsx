import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";

/** A section of a company's page under its form, as Django's admin shows inlines; a region named by its title. */
export function Inline({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="section" aria-label={translate(title)} sx={{ width: "100%", mt: 2 }}>
      <Typography variant="subtitle1">{translate(title)}</Typography>
      {children}
    </Box>
  );
}
