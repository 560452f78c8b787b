// Every page in headless Chromium (Debian's), driven by playwright-core: load
// it, do its main action, check what it shows, save a screenshot; no console
// error, and no request leaves the machine.
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.BASE_URL;
const screenshots = process.env.SCREENSHOT_DIR;
mkdirSync(screenshots, { recursive: true });
const runId = `${Date.now()}`;
const letters = runId.replace(/[0-9]/g, (d) => "abcdefghij"[d]);

let passed = 0;
let failed = 0;
const check = (condition, text) => {
  if (condition) { passed += 1; console.log(`ok - ${text}`); } else { failed += 1; console.log(`not ok - ${text}`); }
};

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });  // a phone
const localOrigins = new Set([new URL(base).origin, new URL(base.replace("127.0.0.1", "localhost")).origin]);
const foreign = [];
const avatars = [];
// The GitHub page shows avatars from GitHub's host by design: they are answered
// here with a local image, so the test needs no network and nothing leaves.
const pixel = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=", "base64");
await context.route((url) => !localOrigins.has(url.origin) && !url.href.startsWith("data:"), (route) => {
  const url = route.request().url();
  if (url.startsWith("https://avatars.githubusercontent.com/")) {
    avatars.push(url);
    return route.fulfill({ status: 200, contentType: "image/png", body: pixel });
  }
  if (url.startsWith("http://127.0.0.1:") || url.startsWith("http://localhost:")) return route.continue();
  foreign.push(url);
  return route.abort();
});

async function visit(name, path, action) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const response = await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    check(response.ok(), `${name}: ${path} loads (${response.status()})`);
    await action(page);
  } catch (error) {
    check(false, `${name}: ${error.message.split("\n")[0]}`);
  }
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  check(errors.length === 0, `${name}: no console errors${errors.length ? ` (${errors.join(" | ")})` : ""}`);
  await page.close();
}

await visit("landing", "/apps/", async (page) => {
  for (const app of ["PhGen", "Users", "Hello", "GitHub users"]) {
    check(await page.getByRole("link", { name: app, exact: true }).first().isVisible(), `landing links to ${app}`);
  }
});

await visit("phgen", "/phgen/", async (page) => {
  const phrase = page.locator("#phrase");
  await page.waitForFunction(() => document.querySelector("#phrase").textContent !== "…");
  const first = await phrase.textContent();
  check(first.length > 0, `phgen shows the current phrase (${first})`);
  await page.getByRole("button", { name: "Change" }).click();
  await page.waitForFunction((old) => document.querySelector("#phrase").textContent !== old, first);
  const changed = await phrase.textContent();
  check(changed !== first, `phgen: Change shows another phrase (${changed})`);
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.waitForLoadState("networkidle");
  check((await phrase.textContent()) === changed, "phgen: Refresh shows the changed phrase");
});

await visit("users", "/registry/", async (page) => {
  const id = String(1000000 + (Number(runId) % 1000000000));
  await page.getByLabel("User id (1 to 2147483647)").fill(id);
  await page.getByLabel("Username (up to 100 characters)").fill(`Browser ${letters}`);
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("HTTP"));
  check((await page.locator("#status").textContent()).includes("HTTP 201"), "users: create answers 201");
  await page.getByLabel("User id", { exact: true }).fill(id);
  await page.getByRole("button", { name: "Look up" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("GET"));
  check((await page.locator("#answer").textContent()).includes(`Browser ${letters}`), "users: the lookup shows the user");
});

await visit("hello", "/birthdays/", async (page) => {
  const name = `Browser${letters}`;
  await page.getByLabel("Username (letters only)").fill(name);
  await page.getByLabel("Date of birth").fill("1990-05-17");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("HTTP"));
  check((await page.locator("#status").textContent()).includes("HTTP 204"), "hello: saving answers 204");
  await page.getByLabel("Username", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Say hello" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("GET"));
  check((await page.locator("#answer").textContent()).includes(`Hello, ${name}!`), "hello: the greeting is shown");
});

await visit("github", "/users", async (page) => {
  await page.waitForSelector(".user-card");
  check((await page.locator(".user-card").count()) === 25, "github: 25 cards on the first page");
  check(/^\d+ - \S+$/.test(await page.locator(".user-card .card-title").first().textContent()), "github: cards read '{id} - {username}'");
  await page.getByRole("link", { name: "Next" }).click();
  await page.waitForURL("**/users/2");
  await page.waitForSelector(".user-card");
  check((await page.locator("#summary").textContent()).includes("page 2"), "github: Next goes to page 2");
  await page.getByLabel("Order by").selectOption("type");
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL("**order_by=type**");
  await page.waitForSelector(".user-card");
  check((await page.locator(".user-card small").first().textContent()) === "Organization", "github: ordered by type, organizations first");
  await page.getByLabel("Search by username").fill("an");
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL("**username=an**");
  await page.waitForSelector(".user-card");
  const titles = await page.locator(".user-card .card-title").allTextContents();
  check(titles.length > 0 && titles.every((t) => t.toLowerCase().includes("an")), "github: the search shows only matching users");
});

await visit("github-pages", "/users/10?pagination=5", async (page) => {
  await page.waitForSelector(".user-card");
  check((await page.locator(".user-card").count()) === 5, "github: ?pagination=5 shows 5 cards");
  check((await page.locator(".page-item.active").textContent()) === "10", "github: /users/10 is page 10");
  const items = await page.locator(".page-item").allTextContents();
  check(items.filter((t) => t === "…").length === 2, `github: gaps (…) on both sides (${items.join(" ")})`);
});

await visit("docs", "/api/docs", async (page) => {
  await page.waitForSelector(".swagger-ui .title");
  check((await page.locator(".swagger-ui .title").first().textContent()).includes("fcgi-app"), "docs: Swagger UI renders the description");
  check((await page.locator(".opblock").count()) >= 18, "docs: every operation is listed");
});

// The original PhGen front end, served from another origin, calls
// http://localhost:<port>/api/... the way it did: the phrase must appear.
const original = createServer((request, response) => {
  response.writeHead(200, { "Content-Type": "text/html" });
  response.end(`<!doctype html><p id="phrase">loading</p><script>
    fetch("${base.replace("127.0.0.1", "localhost")}/api/change-current-phrase").then((r) => r.json())
      .then(() => fetch("${base.replace("127.0.0.1", "localhost")}/api/get-current-phrase")).then((r) => r.json())
      .then((data) => { document.getElementById("phrase").textContent = data.current_phrase; });
  </script>`);
});
await new Promise((resolve) => original.listen(0, "127.0.0.1", resolve));
{
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  await page.goto(`http://127.0.0.1:${original.address().port}/`);
  await page.waitForFunction(() => document.getElementById("phrase").textContent !== "loading", null, { timeout: 10000 })
    .catch(() => {});
  const shown = await page.locator("#phrase").textContent();
  check(shown !== "loading" && shown.length > 0, `the original front end, from another origin, shows the phrase (${shown})`);
  check(errors.length === 0, `the original front end: no console errors${errors.length ? ` (${errors.join(" | ")})` : ""}`);
  await page.screenshot({ path: `${screenshots}/phgen-original-front-end.png` });
  await page.close();
}
original.close();

check(foreign.length === 0, `no request left the machine${foreign.length ? `: ${foreign.join(", ")}` : ""} (${avatars.length} avatar requests answered locally)`);
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
