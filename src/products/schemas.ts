import { type Static, Type } from "typebox";
import { Ordering, PaginationQuery, QueryText, Text, Timestamp } from "../http/schemas.js";

const ReleaseDate = Type.Union([Type.String({ format: "date", examples: ["2024-01-31"] }), Type.Null()]);

export const Product = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  model: Type.String(),
  release_date: ReleaseDate,
  created_at: Timestamp,
});
export type ProductView = Static<typeof Product>;

export const ProductCreate = Type.Object(
  { name: Text(200), model: Text(200), release_date: Type.Optional(ReleaseDate) },
  { additionalProperties: false },
);
export type ProductCreateInput = Static<typeof ProductCreate>;

export const ProductUpdate = Type.Partial(ProductCreate, { additionalProperties: false });
export type ProductUpdateInput = Static<typeof ProductUpdate>;
/** PUT's body: name and model, as when creating; release_date left out is kept. */
export const ProductReplace = ProductCreate;

const productFilters = {
  search: Type.Optional(QueryText(200, "Name or model contains (any case)")),
  ordering: Type.Optional(Ordering(["name", "model", "release_date", "id"])),
};

export const ProductListQuery = Type.Object(
  { ...PaginationQuery, ...productFilters },
  { additionalProperties: false },
);
export type ProductListFilters = Static<typeof ProductListQuery>;
/** The export takes the list's filters and ordering, and no page: it is the whole list. */
export const ProductExportQuery = Type.Object(productFilters, { additionalProperties: false });
export type ProductExportFilters = Static<typeof ProductExportQuery>;
