import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { testApp } from "../helpers/fixture.js";
import {
  describeInBrowser,
  ensureAdminBuilt,
  launchBrowser,
  newPage,
  type RunningApp,
  screenshot,
  startApp,
  takeCspViolations,
} from "./harness.js";

const FRAMED = ["/admin/", "/swagger", "/redoc"];

/** Another origin, as an attacker's site would be: a page that frames each of ours, and one harmless page. */
async function startFramingSite(target: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.setHeader("content-type", "text/html");
    if (request.url === "/plain") return response.end("<p id='plain'>framed fine</p>");
    const frames = FRAMED.map((path) => `<iframe name="${path}" src="${target}${path}"></iframe>`);
    // The control: a cross-origin page without our headers renders in its frame.
    const port = (server.address() as AddressInfo).port;
    frames.push(`<iframe name="control" src="http://localhost:${port}/plain"></iframe>`);
    response.end(`<!doctype html><title>framing</title>${frames.join("")}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeInBrowser("the CSP in Chromium", () => {
  const t = testApp({ app: false, truncate: false });
  let server: RunningApp;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    await ensureAdminBuilt();
    server = await startApp(t.testDb);
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    page.on("request", (request) => requested.push(request.url()));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await screenshot(page, `failed-csp-${task.name.replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("renders Swagger UI with its operations", async () => {
    await page.goto(`${server.url}/swagger`);
    await page.locator(".opblock").first().waitFor();
    expect(await page.locator(".opblock").count()).toBeGreaterThan(20);
    await page.getByText("/api/v1/auth/session/refresh").first().waitFor();
    // Opening an operation renders its schemas and examples, more of Swagger UI's code.
    await page.locator(".opblock-summary").first().click();
    await page.locator(".opblock-body").first().waitFor();
  });

  it("renders Redoc with the API's title, its search worker and its logo from this server", async () => {
    await page.goto(`${server.url}/redoc`);
    await page.getByRole("heading", { name: /supplynet API/ }).waitFor();
    await page.getByPlaceholder("Search...").fill("session");
    await page
      .locator('[role="search"] [role="menuitem"], [data-role="search:results"] li')
      .first()
      .waitFor();
    const logo = page.locator('img[alt="redocly logo"]');
    await logo.waitFor();
    expect(await logo.getAttribute("src")).toBe("/redoc/logo.svg");
    expect(await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  });

  it("renders the admin's login form", async () => {
    await page.goto(`${server.url}/admin/`);
    await page.locator('input[name="username"]').waitFor();
  });

  it("loads nothing from another origin", () => {
    // Redoc's search worker is a blob: URL of this origin.
    const ours = [server.url, `blob:${server.url}/`, "data:"];
    expect(requested.filter((url) => !ours.some((prefix) => url.startsWith(prefix)))).toEqual([]);
  });

  it("lets no other site frame the admin, Swagger UI or Redoc", async () => {
    const site = await startFramingSite(server.url);
    try {
      await page.goto(site.url);
      const control = page.frame({ name: "control" });
      await control?.locator("#plain").waitFor();
      for (const path of FRAMED) {
        const frame = page.frame({ name: path });
        expect(frame, path).toBeTruthy();
        // A refused frame holds Chromium's error page instead of ours.
        await expect.poll(() => frame?.url(), { message: path }).toBe("chrome-error://chromewebdata/");
      }
      // Chromium says why: our frame-ancestors directive. These violations are the test's, not a failure.
      const violations = takeCspViolations();
      expect(violations.filter((text) => text.includes("frame-ancestors")).length).toBe(FRAMED.length);
      expect(violations.filter((text) => !text.includes("frame-ancestors"))).toEqual([]);
    } finally {
      // Chromium keeps its connections alive: close them, or close() waits for their timeout.
      site.server.closeAllConnections();
      await new Promise((resolve) => site.server.close(resolve));
    }
  });
});
