import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { CsvResponse, sendCsv } from "../http/csv.js";
import { pageResponse } from "../http/listing.js";
import { errorResponses, IdParams, PageOf } from "../http/schemas.js";
import {
  Product,
  ProductCreate,
  ProductExportQuery,
  ProductListQuery,
  ProductReplace,
  ProductUpdate,
} from "./schemas.js";
import {
  createProduct,
  deleteProduct,
  exportProducts,
  getProduct,
  listCompanyProducts,
  listProducts,
  updateProduct,
} from "./service.js";

const tags = ["products"];

export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/products",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "List products (staff: the catalog; an employee: what their company sells)",
        querystring: ProductListQuery,
        response: { 200: PageOf(Product), ...errorResponses(400) },
      },
    },
    (request) =>
      pageResponse(request, (page) => listProducts(app.services, request.actor, request.query, page)),
  );

  app.get(
    "/products/export.csv",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary:
          "The whole filtered list as a CSV download (staff: the catalog; an employee: what their company sells)",
        querystring: ProductExportQuery,
        response: { 200: CsvResponse, ...errorResponses(400) },
      },
    },
    (request, reply) =>
      sendCsv(reply, "products", exportProducts(app.services, request.actor, request.query)),
  );

  app.get(
    "/products/:id",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "One product",
        params: IdParams,
        response: { 200: Product, ...errorResponses(400, 404) },
      },
    },
    (request) => getProduct(app.services, request.actor, request.params.id),
  );

  app.post(
    "/products",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Add a product to the catalog; (name, model) is unique",
        body: ProductCreate,
        response: { 201: Product, ...errorResponses(400, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProduct(app.services, request.actor, request.body)),
  );

  app.patch(
    "/products/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change a product",
        params: IdParams,
        body: ProductUpdate,
        response: { 200: Product, ...errorResponses(400, 404, 409, 413) },
      },
    },
    (request) => updateProduct(app.services, request.actor, request.params.id, request.body),
  );

  app.put(
    "/products/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Replace a product's name and model (release_date left out is kept)",
        params: IdParams,
        body: ProductReplace,
        response: { 200: Product, ...errorResponses(400, 404, 409, 413) },
      },
    },
    (request) => updateProduct(app.services, request.actor, request.params.id, request.body),
  );

  app.delete(
    "/products/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Remove a product (and it from every company that sold it)",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await deleteProduct(app.services, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/companies/:id/products",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["companies"],
        summary: "The products a company sells",
        params: IdParams,
        querystring: ProductListQuery,
        response: { 200: PageOf(Product), ...errorResponses(400, 404) },
      },
    },
    (request) =>
      pageResponse(request, (page) =>
        listCompanyProducts(app.services, request.actor, request.params.id, request.query, page),
      ),
  );
};
