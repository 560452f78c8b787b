// Every page in headless Chromium (Debian's), driven by playwright-core: load
// it, do its main action, check what it shows; no console error, and no
// request leaves the machine. Every page and state (logged out, logged in,
// loading, empty, error, session ended or never begun) is checked by axe-core
// (no violation of impact serious or critical; at phone width, and at desktop
// width too for each page's last state) and saved as a screenshot at phone
// (390 px) and desktop (1280 px) width. The main actions are also done
// with the keyboard alone.
import { createServer } from "node:http";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";
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
// here with a local image (plain grey), so the test needs no network and nothing leaves.
const pixel = png(8, 8, [173, 181, 189]);
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

// axe-core, run inside the page by the driver (not a <script>: the CSP allows
// none but the site's own, and the driver's evaluation is not a page script).
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
// Parts of a page that are not ours to fix: Swagger UI's own markup (vendored).
const VENDOR_PARTS = ["#swagger-ui"];

// Accessibility of the page as it is now: axe-core's violations of impact
// serious or critical, at the given widths.
async function audit(page, name, sizes) {
  const violations = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
    // The page at rest: a colour caught half-way through a transition (a
    // button just hovered or enabled again) is no colour a reader sees for long.
    await page.evaluate(() => Promise.race([
      Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => {}))),
      new Promise((resolve) => setTimeout(resolve, 1000))]));
    const found = await page.evaluate(async (exclude) => {
      const context = { exclude: exclude.filter((selector) => document.querySelector(selector)).map((s) => [s]) };
      const result = await window.axe.run(context.exclude.length ? context : document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }, VENDOR_PARTS);
    for (const text of found) violations.push(`${size.width}px ${text}`);
  }
  await page.setViewportSize(PHONE);
  check(violations.length === 0, `${name}: axe finds nothing serious or critical${violations.length ? ` (${violations.join(" | ")})` : ""}`);
}

// One state of a page: checked by axe, and saved at both widths as
// <name>-390.png and <name>-1280.png. axe runs at phone width, and at desktop
// width too for each page's last state (`bothWidths`): what differs between
// the two is layout, which the screenshots show; axe takes a second a run.
const captured = [];
async function capture(page, name, { bothWidths = false } = {}) {
  await audit(page, name, bothWidths ? [PHONE, DESKTOP] : [PHONE]);
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${screenshots}/${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
  captured.push(name);
}

// The frame every page has: one navbar linking every app, the current one
// marked (aria-current="page"), and a skip link to the content.
const CURRENT_APP = [[/^\/apps\//, "/apps/"], [/^\/phgen\//, "/phgen/"], [/^\/registry\//, "/registry/"],
  [/^\/birthdays\//, "/birthdays/"], [/^\/($|users)/, "/users"], [/^\/hotsox\//, "/hotsox/"], [/^\/api\/docs/, "/api/docs"],
  [/^\/fastapi\/v1\/docs/, "/api/docs"]];
async function checkFrame(page, name, path) {
  const nav = page.getByRole("navigation", { name: "Apps" });
  const links = await nav.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const apps = ["/phgen/", "/registry/", "/birthdays/", "/users", "/hotsox/", "/api/docs"];
  check(apps.every((href) => links.includes(href)), `${name}: the navbar links every app (${links.join(" ")})`);
  const current = await nav.locator("[aria-current=page]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const expected = CURRENT_APP.find(([pattern]) => pattern.test(new URL(path, base).pathname))?.[1];
  check(current.length === 1 && current[0] === expected, `${name}: the navbar marks ${expected} as the current page (${current.join(" ")})`);
  check(await page.locator("a.skip-link[href='#main']").count() === 1 && await page.locator("main#main").count() === 1,
    `${name}: a skip link leads to the main content`);
}

// `allowed`: console errors this visit expects (say, the browser's own line
// about a 400 answer the page is meant to show), as regular expressions.
// `setup(page)` runs before the page is loaded (say, to play an API answer),
// `waitUntil` is how far loading goes before `action` (not "networkidle" while
// an answer is held back).
async function visit(name, path, action, allowed = [], { setup, waitUntil = "networkidle" } = {}) {
  const page = await context.newPage();
  if (setup) await setup(page);
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !allowed.some((re) => re.test(message.text()))) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const response = await page.goto(`${base}${path}`, { waitUntil });
    check(response.ok(), `${name}: ${path} loads (${response.status()})`);
    await checkFrame(page, name, path);
    await action(page);
    await capture(page, name, { bothWidths: true });
  } catch (error) {
    check(false, `${name}: ${error.message.split("\n")[0]}`);
    await page.screenshot({ path: `${screenshots}/${name}-failed.png`, fullPage: true }).catch(() => {});
  }
  check(errors.length === 0, `${name}: no console errors${errors.length ? ` (${errors.join(" | ")})` : ""}`);
  await page.close();
}

// The body NGINX answers when a dependency is down (site.conf), played to a
// page in place of the API's answer.
const UNAVAILABLE = { status: 503, contentType: "application/json",
  body: JSON.stringify({ error: "service_unavailable", message: "The service is unavailable, try again shortly" }) };

// Holds the answers to `pattern` until release() is called: the page stays in
// its loading state meanwhile.
async function holdAnswers(page, pattern) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => { await released; await route.continue().catch(() => {}); });
  return release;
}

// Focus is visible: an outline or a focus ring (box-shadow) on the focused element.
async function focusVisible(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  });
}
const focusedId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || "");

await visit("landing", "/apps/", async (page) => {
  for (const app of ["PhGen", "Users", "Hello", "GitHub users", "HotSox"]) {
    check(await page.getByRole("link", { name: app, exact: true }).first().isVisible(), `landing links to ${app}`);
  }
});

await visit("phgen", "/phgen/", async (page) => {
  const phrase = page.locator("#phrase");
  await page.waitForFunction(() => document.querySelector("#phrase").textContent !== "Loading…");
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
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("→ HTTP"));
  check((await page.locator("#status").textContent()).includes("HTTP 201"), "users: create answers 201");
  await page.getByLabel("User id", { exact: true }).fill(id);
  await page.getByRole("button", { name: "Look up" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("→ HTTP"));
  check((await page.locator("#answer").textContent()).includes(`Browser ${letters}`), "users: the lookup shows the user");
});

await visit("hello", "/birthdays/", async (page) => {
  const name = `Browser${letters}`;
  await page.getByLabel("Username (letters only)").fill(name);
  await page.getByLabel("Date of birth").fill("1990-05-17");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("→ HTTP"));
  check((await page.locator("#status").textContent()).includes("HTTP 204"), "hello: saving answers 204");
  await page.getByLabel("Username", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Say hello" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("→ HTTP"));
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

await visit("fastapi-docs", "/fastapi/v1/docs", async (page) => {
  await page.waitForSelector(".swagger-ui .title");
  check((await page.locator(".swagger-ui .title").first().textContent()).includes("HotSox FastAPI"), "fastapi docs: Swagger UI renders its description");
  check((await page.locator(".opblock").count()) === 26, "fastapi docs: its 26 operations are listed");
});

// ---- states: loading, error (a dependency down: the 503's message), empty ----

await visit("phgen-loading", "/phgen/", async (page) => {
  check((await page.locator("#phrase").textContent()) === "Loading…" && (await page.locator("#phrase").getAttribute("aria-busy")) === "true",
    "phgen: while the phrase is on its way, the page says it is loading");
}, [], { setup: async (page) => { await holdAnswers(page, "**/api/get-current-phrase"); }, waitUntil: "load" });

await visit("phgen-error", "/phgen/", async (page) => {
  await page.waitForSelector("#error:not([hidden])");
  check((await page.locator("#error").textContent()).includes("The service is unavailable, try again shortly"),
    "phgen: with the API down, the 503's message is shown");
}, [/status of 503/], { setup: (page) => page.route("**/api/get-current-phrase", (route) => route.fulfill(UNAVAILABLE)) });

await visit("phgen-empty", "/phgen/", async (page) => {
  await page.waitForSelector("#empty:not([hidden])");
  check(await page.locator("#error").isHidden(), "phgen: no phrases at all is an empty state, not an error");
}, [/status of 404/], { setup: (page) => page.route("**/api/get-current-phrase", (route) => route.fulfill({
  status: 404, contentType: "application/json", body: JSON.stringify({ error: "no_phrases", message: "No phrases in the database" }) })) });

await visit("github-loading", "/users", async (page) => {
  check((await page.locator("#summary").textContent()) === "Loading users…", "github: while the users are on their way, the page says it is loading");
}, [], { setup: async (page) => { await holdAnswers(page, "**/api/users/profiles**"); }, waitUntil: "load" });

// GitHub's avatar host out of reach: every avatar falls back to initials drawn
// here, and no alt text spills over a card.
await visit("github-avatars-offline", "/users", async (page) => {
  await page.waitForSelector(".user-card");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => document.querySelectorAll(".avatar-fallback").length === document.querySelectorAll(".user-card").length);
  await page.evaluate(() => window.scrollTo(0, 0));
  check((await page.locator("img.avatar").count()) === 0, "github: no broken avatar is left when the avatar host cannot be reached");
  const fits = await page.locator(".user-card").evaluateAll((cards) => cards.every((card) => {
    const box = card.getBoundingClientRect();
    return [...card.querySelectorAll("*")].every((node) => node.getBoundingClientRect().right <= box.right + 0.5);
  }));
  check(fits, "github: everything in each card stays inside the card");
  const initials = await page.locator(".avatar-fallback").first().textContent();
  check(/^[A-Z0-9?]{1,2}$/.test(initials), `github: the stand-in shows the user's initials (${initials})`);
}, [/ERR_INTERNET_DISCONNECTED|ERR_FAILED/], { setup: (page) => page.route("https://avatars.githubusercontent.com/**", (route) => route.abort("internetdisconnected")) });

await visit("github-empty", `/users?username=no-such-user-${letters}`, async (page) => {
  await page.waitForSelector("#empty:not([hidden])");
  check((await page.locator("#empty").textContent()).includes(`No user’s name contains “no-such-user-${letters}”`), "github: a search without results says so");
  check((await page.getByRole("link", { name: "Show every user" }).getAttribute("href")) === "/users", "github: and offers every user instead");
  check((await page.locator(".page-item").count()) === 0, "github: no pagination for an empty result");
});

await visit("github-error", "/users", async (page) => {
  await page.waitForSelector("#error:not([hidden])");
  check((await page.locator("#error").textContent()).includes("The service is unavailable, try again shortly"),
    "github: with the API down, the 503's message is shown");
  check((await page.locator("#summary").textContent()) === "", "github: and no stale loading line");
}, [/status of 503/], { setup: (page) => page.route("**/api/users/profiles**", (route) => route.fulfill(UNAVAILABLE)) });

// ---- keyboard only: tab order, focus visible, Enter submits ----

await visit("keyboard", "/registry/", async (page) => {
  await page.keyboard.press("Tab");
  check((await focusedId(page)) === "skip-link" && await focusVisible(page), "keyboard: the first Tab shows the skip link, focused visibly");
  const skip = await page.locator(".skip-link").boundingBox();
  check(skip && skip.y >= 0, "keyboard: the skip link is on screen when focused");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  check((await focusedId(page)) === "create-userid" && await focusVisible(page), `keyboard: after the skip link, Tab reaches the first field (${await focusedId(page)})`);
  const id = String(2000000 + (Number(runId) % 1000000000));
  await page.keyboard.type(id);
  await page.keyboard.press("Tab");
  check((await focusedId(page)) === "create-username" && await focusVisible(page), "keyboard: Tab goes on to the username");
  await page.keyboard.type(`Keys ${letters}`);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("→ HTTP"));
  check((await page.locator("#status").textContent()).includes("HTTP 201"), "keyboard: Enter in the form creates the user (201)");

  await page.goto(`${base}/users`, { waitUntil: "networkidle" });
  for (const key of ["Tab", "Enter", "Tab"]) await page.keyboard.press(key);
  check((await focusedId(page)) === "username" && await focusVisible(page), "keyboard: on GitHub users, the search box comes first");
  await page.keyboard.type("an");
  await page.keyboard.press("Enter");
  await page.waitForURL("**username=an**");
  check(true, "keyboard: Enter in the search box searches");

  await page.goto(`${base}/hotsox/signup/`, { waitUntil: "networkidle" });
  for (const key of ["Tab", "Enter", "Tab"]) await page.keyboard.press(key);
  // A date field takes a Tab per part (month, day, year): each field counts once.
  const order = [await focusedId(page)];
  for (let n = 0; n < 16 && order.length < 11; n += 1) {
    await page.keyboard.press("Tab");
    const id = await focusedId(page);
    if (id !== order[order.length - 1]) order.push(id);
  }
  const expected = ["username", "email", "password", "first_name", "last_name", "info_birthday", "info_gender", "info_about",
    "location_city", "location_latitude", "location_longitude"];
  check(order.join(" ") === expected.join(" "), `keyboard: sign up's fields come in reading order (${order.join(" ")})`);

  await page.goto(`${base}/phgen/`, { waitUntil: "networkidle" });
  await page.waitForFunction(() => document.querySelector("#phrase").textContent !== "Loading…");
  const before = await page.locator("#phrase").textContent();
  for (const key of ["Tab", "Enter", "Tab", "Tab"]) await page.keyboard.press(key);
  check((await focusedId(page)) === "change" && await focusVisible(page), `keyboard: on PhGen, Tab reaches Change (${await focusedId(page)})`);
  await page.keyboard.press("Enter");
  await page.waitForFunction((old) => document.querySelector("#phrase").textContent !== old, before);
  check(true, "keyboard: Enter on Change changes the phrase");
});

// ---- HotSox before anyone logs in: logged out, never logged in, session ended ----

await visit("hotsox-home-guest", "/hotsox/", async (page) => {
  check(await page.locator("#guest").isVisible() && await page.locator("#member").isHidden(),
    "hotsox: logged out, the home page offers sign up and log in only");
  check(await page.locator("#hotsox-nav").getByRole("link", { name: "Swipe" }).count() === 0, "hotsox: logged out, the nav has no member pages");
});

await visit("hotsox-login-required", "/hotsox/swipe/", async (page) => {
  await page.waitForURL("**/hotsox/login/?next=**");
  await page.waitForSelector("#notice:not([hidden])");
  const notice = await page.locator("#notice").textContent();
  check(notice.includes("Log in to see “Swipe”") && !notice.includes("ended"),
    `hotsox: swipe without ever logging in asks to log in, without a word of an ended session (${notice})`);
});

await visit("hotsox-session-expired", "/hotsox/login/", async (page) => {
  await page.evaluate(() => sessionStorage.setItem("hotsox.session", JSON.stringify({
    username: "someone", access: "a.b.c", accessExpiresAt: Date.now() - 1000, refresh: "d.e.f", refreshExpiresAt: Date.now() - 1000 })));
  await page.goto(`${base}/hotsox/socks/`);
  await page.waitForURL("**/hotsox/login/?expired=1**");
  await page.waitForSelector("#notice:not([hidden])");
  check((await page.locator("#notice").textContent()).includes("Your session has ended"), "hotsox: a session that ended says so");
  check(await page.evaluate(() => sessionStorage.getItem("hotsox.session") === null), "hotsox: the ended session is forgotten");
});

// HotSox: a small PNG made here, so the upload needs no file on disk.
function png(width, height, [r, g, b]) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);  // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}
const sockPicture = { name: "sock.png", mimeType: "image/png", buffer: png(16, 12, [200, 30, 60]) };
const userPicture = { name: "me.png", mimeType: "image/png", buffer: png(8, 8, [30, 90, 200]) };
const hotsoxUser = `sox${letters}`;
const hotsoxPassword = `Pw-${runId}-socks`;

// An image shown from /media/ that the browser really loaded.
async function mediaImageLoaded(image) {
  return image.evaluate((img) => new URL(img.src).pathname.startsWith("/media/") && img.complete && img.naturalWidth > 0);
}

// Wrong input: the API's field errors appear next to their fields. The browser
// reports each 400 answer on the console itself; those lines are expected.
await visit("hotsox-errors", "/hotsox/signup/", async (page) => {
  const young = new Date();
  young.setFullYear(young.getFullYear() - 10);
  await page.getByLabel("Username", { exact: true }).fill(`${hotsoxUser}x`);
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  const password = page.getByLabel("Password", { exact: true });
  check(await page.locator("#password-rule").isVisible() && (await page.locator("#password-rule").textContent()).includes("At least 8 characters"),
    "hotsox: sign up shows the password rule before anything is typed");
  check((await password.getAttribute("aria-describedby")).split(" ").includes("password-rule"), "hotsox: the rule describes the password field");
  await password.fill("short");
  check((await page.locator("#password-rule").textContent()).includes("3 more to go"), "hotsox: the rule counts what is missing while typing");
  await capture(page, "hotsox-signup");
  await page.getByLabel("Date of birth").fill(young.toISOString().slice(0, 10));
  await page.getByLabel("Gender").selectOption({ label: "Prefer not to say" });
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForSelector(".api-error");
  const errorOf = (id) => page.locator(`#${id}-api-error`).textContent();
  check((await errorOf("email")).includes("valid email"), "hotsox: sign up shows the email error next to the email");
  check((await errorOf("password")).includes("at least 8"), "hotsox: sign up shows the password error next to the password");
  check((await errorOf("info_birthday")).includes("at least 18"), "hotsox: sign up shows 'at least 18' next to the date of birth");
  check((await errorOf("location_city")).includes("required"), "hotsox: sign up shows the missing city next to the city");
  check(await page.getByLabel("City").evaluate((el) => el.classList.contains("is-invalid")), "hotsox: the city field is marked invalid");
  await capture(page, "hotsox-signup-errors");
  await page.goto(`${base}/hotsox/login/`);
  await page.getByLabel("Username", { exact: true }).fill(hotsoxUser);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForSelector("#password-api-error");
  check((await errorOf("password")).includes("may not be blank"), "hotsox: log in shows the blank password next to it");
}, [/status of 400/]);

// The whole journey in one tab (the tokens live in this tab's sessionStorage).
await visit("hotsox-after-deletion", "/hotsox/", async (page) => {
  const requests = [];
  page.on("request", (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
  const errors = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });

  check(await page.getByRole("link", { name: "Sign up" }).first().isVisible(), "hotsox: the home page offers to sign up");
  await page.getByRole("link", { name: "Sign up" }).first().click();
  await page.waitForURL("**/hotsox/signup/");
  await page.getByLabel("Username", { exact: true }).fill(hotsoxUser);
  await page.getByLabel("Email", { exact: true }).fill(`${hotsoxUser}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill(hotsoxPassword);
  await page.getByLabel("First name").fill("Browser");
  await page.getByLabel("Last name").fill("Tester");
  await page.getByLabel("Date of birth").fill("1990-05-17");
  await page.getByLabel("Gender").selectOption({ label: "Non-binary" });
  await page.getByLabel("About me").fill("I test pages.");
  await page.getByLabel("City").fill("Berlin");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL("**/hotsox/login/?registered=*");
  check((await page.locator("#notice").textContent()).includes(hotsoxUser), "hotsox: sign up leads to log in, saying the account was created");
  check((await page.getByLabel("Username", { exact: true }).inputValue()) === hotsoxUser, "hotsox: the login form has the new username");

  await page.getByLabel("Password", { exact: true }).fill(hotsoxPassword);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL("**/hotsox/profile/");
  await page.waitForSelector("#profile:not([hidden])");
  const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem("hotsox.session")));
  check(Boolean(session && session.access && session.refresh), "hotsox: the tokens are kept in sessionStorage");
  check((await page.locator("#profile-name").textContent()).includes(hotsoxUser), "hotsox: the profile shows the user");
  const facts = async () => page.locator("#facts").textContent();
  check((await facts()).includes("Berlin") && (await facts()).includes("Non-binary"), "hotsox: the profile shows the city and the gender's label");
  check((await page.locator("#hotsox-user").textContent()).includes(hotsoxUser), "hotsox: the nav says who is logged in");
  const navLinks = await page.locator("#hotsox-nav a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  const statuses = await Promise.all(navLinks.map(async (href) => (await page.request.get(`${base}${href}`)).status()));
  check(navLinks.length >= 3 && statuses.every((s) => s === 200), `hotsox: every nav link exists (${navLinks.join(" ")})`);

  // Logged in: the home page offers the member pages only.
  await page.goto(`${base}/hotsox/`, { waitUntil: "networkidle" });
  check(await page.locator("#member").isVisible() && await page.locator("#guest").isHidden()
    && (await page.locator("#welcome").textContent()).includes(hotsoxUser), "hotsox: logged in, the home page welcomes me and offers the member pages only");
  await capture(page, "hotsox-home-member");
  // A new user's empty pages, each saying what to do next.
  for (const [path, empty, name] of [["/hotsox/swipe/", "#no-socks", "hotsox-swipe-no-socks"], ["/hotsox/matches/", "#none", "hotsox-matches-empty"],
    ["/hotsox/mail/", "#no-mail", "hotsox-mail-empty"], ["/hotsox/chat/", "#no-chats", "hotsox-chat-empty"]]) {
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.waitForSelector(`${empty}:not([hidden])`);
    check(await page.locator("#status").isHidden(), `hotsox: ${path} shows its empty state, no longer loading`);
    await capture(page, name);
  }
  // The API down: the 503's message, not a blank page.
  await page.route("**/api/v1/user/mail/", (route) => route.fulfill(UNAVAILABLE));
  await page.goto(`${base}/hotsox/mail/`, { waitUntil: "networkidle" });
  await page.waitForSelector("#page-alert:not([hidden])");
  check((await page.locator("#page-alert").textContent()).includes("The service is unavailable, try again shortly"),
    "hotsox: with the API down, the mail page shows the 503's message");
  await capture(page, "hotsox-mail-error");
  await page.unroute("**/api/v1/user/mail/");
  // The 404 of "no matches" and the 503 played above are the expected lines.
  const unexpectedSoFar = errors.filter((e) => !/status of (404|503)/.test(e));
  check(unexpectedSoFar.length === 0, `hotsox: no other console errors in the empty and error states${unexpectedSoFar.length ? ` (${unexpectedSoFar.join(" | ")})` : ""}`);
  errors.length = 0;
  await page.goto(`${base}/hotsox/profile/`, { waitUntil: "networkidle" });
  await page.waitForSelector("#profile:not([hidden])");

  // Edit the profile.
  await page.getByRole("button", { name: "Edit profile" }).click();
  await page.getByLabel("City").fill("Hamburg");
  await page.getByLabel("About me").fill("I test pages, and socks.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("saved"));
  check((await facts()).includes("Hamburg"), "hotsox: the edited city is shown");
  await page.reload({ waitUntil: "networkidle" });
  await page.waitForSelector("#profile:not([hidden])");
  check((await facts()).includes("Hamburg") && (await facts()).includes("and socks"), "hotsox: the edit is kept (reloaded)");

  // A profile picture: add, see, remove.
  await page.getByLabel(/^Add a picture/).setInputFiles(userPicture);
  await page.getByRole("button", { name: "Upload" }).click();
  const userImage = page.locator("#pictures img").first();
  await userImage.waitFor();
  await page.waitForFunction(() => document.querySelector("#pictures img").complete);
  check(await mediaImageLoaded(userImage), "hotsox: the profile picture is shown from /media/");
  await page.getByRole("button", { name: /^Remove Picture 1/ }).click();
  await page.waitForFunction(() => document.querySelectorAll("#pictures img").length === 0);
  check(await page.locator("#no-pictures").isVisible(), "hotsox: the profile picture can be removed");
  await capture(page, "hotsox-profile");

  // My socks: create, picture, edit, delete.
  await page.locator("#hotsox-nav").getByRole("link", { name: "My socks" }).click();
  await page.waitForURL("**/hotsox/socks/");
  await page.waitForSelector("#content:not([hidden])");
  check((await page.locator("#summary").textContent()).includes("no socks yet"), "hotsox: a new user has no socks");
  await capture(page, "hotsox-socks-empty");
  const sockName = `Lefty ${letters}`;
  await page.getByLabel("Name", { exact: true }).fill(sockName);
  for (const [label, option] of [["Color", "Blue"], ["Fabric", "Wool"], ["Fabric thickness", "Thick"], ["Brand", "Homemade"],
    ["Type", "Crew"], ["Size", "M (EU 39–42)"], ["Condition", "Well worn"], ["Worn where", "Hiking"]]) {
    await page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }
  await page.getByLabel("Age (years)").fill("3");
  await page.getByLabel("Holes").fill("1");
  await page.getByLabel("Kilometers walked").fill("420");
  await page.getByLabel("Times washed").fill("57");
  await page.getByLabel("What makes it special").fill("A darned heel, lovingly.");
  await page.getByRole("button", { name: "Add sock" }).click();
  const sockCard = page.locator(".sock-card", { hasText: sockName });
  await sockCard.waitFor();
  check((await sockCard.locator(".card-subtitle").textContent()).includes("Blue · Crew"), "hotsox: the new sock shows its labelled choices");

  await page.getByLabel(`Add a picture of ${sockName}`).setInputFiles(sockPicture);
  const shown = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith("/media/"));
  await sockCard.getByRole("button", { name: `Upload the picture of ${sockName}` }).click();
  const media = await shown;
  const sockImage = page.locator(".sock-card", { hasText: sockName }).locator(".pictures img").first();
  await sockImage.waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll(".sock-card .pictures img")].every((img) => img.complete));
  check(media.status() === 200 && media.headers()["content-type"] === "image/png", `hotsox: the sock picture is served from /media/ (${media.status()})`);
  check(await mediaImageLoaded(sockImage), "hotsox: the sock picture is shown");
  await capture(page, "hotsox-socks");

  await page.getByRole("button", { name: `Edit ${sockName}` }).click();
  const renamed = `${sockName} the Second`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByLabel("Color", { exact: true }).selectOption({ label: "Rainbow" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForFunction((name) => [...document.querySelectorAll(".sock-card .card-title")].some((t) => t.textContent === name), renamed);
  check((await page.locator(".sock-card", { hasText: renamed }).locator(".card-subtitle").textContent()).startsWith("Rainbow"),
    "hotsox: the edited sock shows its new name and color");
  check((await page.locator(".sock-card", { hasText: renamed }).locator(".pictures img").count()) === 1, "hotsox: the edited sock keeps its picture");

  await page.getByRole("button", { name: `Delete ${renamed}…` }).click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".sock-card").length === 0);
  check((await page.locator("#status").textContent()).includes("was deleted"), "hotsox: the sock is deleted");
  check(errors.length === 0, `hotsox: no console errors up to here${errors.length ? ` (${errors.join(" | ")})` : ""}`);

  // The access token is refreshed before it expires ...
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem("hotsox.session"));
    sessionStorage.setItem("hotsox.session", JSON.stringify({ ...s, accessExpiresAt: Date.now() + 5000 }));
  });
  requests.length = 0;
  await page.goto(`${base}/hotsox/profile/`, { waitUntil: "networkidle" });
  await page.waitForSelector("#profile:not([hidden])");
  check(requests.indexOf("POST /api/v1/token/refresh/") >= 0
    && requests.indexOf("POST /api/v1/token/refresh/") < requests.indexOf("GET /api/v1/user/"),
  `hotsox: an access token about to expire is refreshed first (${requests.filter((r) => r.includes("/api/")).join(", ")})`);
  // ... and once when the API answers 401 (the browser logs that 401 itself).
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem("hotsox.session"));
    sessionStorage.setItem("hotsox.session", JSON.stringify({ ...s, access: "not.a.token", accessExpiresAt: Date.now() + 60000 }));
  });
  requests.length = 0;
  errors.length = 0;
  await page.reload({ waitUntil: "networkidle" });
  await page.waitForSelector("#profile:not([hidden])");
  const api = requests.filter((r) => r.includes("/api/"));
  check(api.join(",") === "GET /api/v1/user/,POST /api/v1/token/refresh/,GET /api/v1/user/", `hotsox: a 401 refreshes the token and retries once (${api.join(", ")})`);
  const unexpected = errors.filter((e) => !/status of 401/.test(e));
  check(unexpected.length === 0, `hotsox: only the expected 401 on the console${unexpected.length ? ` (${unexpected.join(" | ")})` : ""}`);
  errors.length = 0;

  // Delete the account, after confirming.
  await page.getByRole("button", { name: "Delete account…" }).click();
  const confirm = page.getByRole("button", { name: "Delete my account for good" });
  check(await confirm.isDisabled(), "hotsox: deleting the account waits for the username");
  await page.getByLabel("Type your username to confirm").fill(hotsoxUser);
  await confirm.click();
  await page.waitForURL("**/hotsox/?deleted=1");
  check((await page.locator("#notice").textContent()).includes("deleted"), "hotsox: the account is deleted");
  check(await page.evaluate(() => sessionStorage.getItem("hotsox.session") === null), "hotsox: the tokens are gone");
  await page.goto(`${base}/hotsox/socks/`);
  await page.waitForURL("**/hotsox/login/?next=**");
  check(await page.getByRole("button", { name: "Log in" }).isVisible(), "hotsox: my socks without a session leads to log in");
  await page.waitForSelector("#notice:not([hidden])");
  check((await page.locator("#notice").textContent()).includes("Log in to see “My socks”"), "hotsox: which asks to log in, not that a session ended");
  check(errors.length === 0, `hotsox: no console errors after deleting${errors.length ? ` (${errors.join(" | ")})` : ""}`);
}, [/status of 40[14]/, /status of 503/]);

// HotSox, part 2: two users made through the API (not the UI), each with a sock
// and its picture. The two socks are alike in every way and share a text no
// other sock has, so the swipe shows B's to A first (any sock shown before it
// is disliked). A sees B's sock; B likes A's sock through the API; A likes B's
// and sees the match; then matches, chat, mail and unmatching, as A.
async function hotsoxApi(method, path, { token, json, form } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: response.status, data };
}
async function hotsoxToken(user) {
  const answer = await hotsoxApi("POST", "/api/v1/token/", { json: { username: user.username, password: user.password } });
  if (answer.status !== 200) throw new Error(`log in ${user.username}: HTTP ${answer.status} ${JSON.stringify(answer.data)}`);
  return answer.data.access;
}
const twinText = `Twin of ${letters}, one of a kind`;
const twinSock = (name) => ({
  info_name: name, info_color: 6, info_fabric: 3, info_fabric_thickness: 4, info_brand: 2, info_type: 6,
  info_size: 5, info_age: 4, info_condition: 5, info_holes: 2, info_kilometers: 321, info_inoutdoor: 6,
  info_washed: 33, info_separation_date: "2024-02-29", info_special: twinText, info_about: "Knitted by hand.",
});
const pairA = { username: `soxa${letters}`, password: `Pw-${runId}-pair-a`, sockName: `Alpha ${letters}` };
const pairB = { username: `soxb${letters}`, password: `Pw-${runId}-pair-b`, sockName: `Beta ${letters}` };
async function makePairUser(user, color) {
  const made = await hotsoxApi("POST", "/api/v1/user/", { json: {
    username: user.username, email: `${user.username}@example.com`, password: user.password,
    info_birthday: "1988-08-08", info_gender: "8", location_city: "Sockholm", info_about: `Pair ${letters}`,
    notification: false,
  } });
  if (made.status !== 201) throw new Error(`register ${user.username}: HTTP ${made.status} ${JSON.stringify(made.data)}`);
  user.id = made.data.id;
  const token = await hotsoxToken(user);
  const sock = await hotsoxApi("POST", "/api/v1/user/sock/", { token, json: twinSock(user.sockName) });
  if (sock.status !== 201) throw new Error(`sock of ${user.username}: HTTP ${sock.status} ${JSON.stringify(sock.data)}`);
  user.sock = sock.data.id;
  const form = new FormData();
  form.append("profile_picture", new Blob([png(20, 15, color)], { type: "image/png" }), "twin.png");
  const picture = await hotsoxApi("POST", `/api/v1/user/sock/${user.sock}/profilepic/`, { token, form });
  if (picture.status !== 201) throw new Error(`picture of ${user.username}: HTTP ${picture.status} ${JSON.stringify(picture.data)}`);
}

let pairReady = false;
try {
  await makePairUser(pairA, [40, 160, 60]);
  await makePairUser(pairB, [60, 40, 160]);
  pairReady = true;
  check(true, "hotsox part 2: two users, each with a sock and its picture, made through the API");
} catch (error) {
  check(false, `hotsox part 2: setting up the two users: ${error.message}`);
}

// The browser reports each 4xx answer on the console itself; here they are
// expected: "no more socks" (404), no matches after unmatching (404), chat
// errors (400 / 404) and the mail form's field errors (400).
if (pairReady) await visit("hotsox-part2", "/hotsox/login/", async (page) => {
  // Log in with the keyboard alone: skip to the content, the two fields, Enter.
  for (const key of ["Tab", "Enter", "Tab"]) await page.keyboard.press(key);
  check((await focusedId(page)) === "username" && await focusVisible(page), "keyboard: the login form's username comes first, focused visibly");
  await page.keyboard.type(pairA.username);
  await page.keyboard.press("Tab");
  check((await focusedId(page)) === "password", "keyboard: Tab goes on to the password");
  await page.keyboard.type(pairA.password);
  await page.keyboard.press("Enter");
  await page.waitForURL("**/hotsox/profile/");
  check(true, "keyboard: Enter logs in");
  const nav = page.locator("#hotsox-nav");
  for (const label of ["Swipe", "Matches", "Chat", "Mail"]) {
    check(await nav.getByRole("link", { name: label, exact: true }).isVisible(), `hotsox: the nav links to ${label}`);
  }

  // Swipe: B's sock comes first (anything before it is disliked).
  await nav.getByRole("link", { name: "Swipe", exact: true }).click();
  await page.waitForURL("**/hotsox/swipe/");
  const candidate = page.locator("#candidate");
  const shownOrDone = (previous) => page.waitForFunction((old) => {
    const card = document.querySelector("#candidate");
    return !document.querySelector("#no-more").hidden || !document.querySelector("#page-alert").hidden
      || (!card.hidden && card.dataset.sockId !== old);
  }, previous);
  await shownOrDone("");
  check((await page.getByLabel("Find a match for my sock").locator("option:checked").textContent()) === pairA.sockName,
    "hotsox: swipe has my sock chosen");
  let disliked = 0;
  while (await candidate.isVisible() && (await candidate.getAttribute("data-sock-id")) !== String(pairB.sock) && disliked < 10) {
    const old = await candidate.getAttribute("data-sock-id");
    await page.getByRole("button", { name: "Dislike", exact: true }).click();
    await shownOrDone(old);
    disliked += 1;
  }
  if (disliked) check((await page.locator("#verdict").textContent()).includes("You disliked"), `hotsox: Dislike says so (${disliked} other socks first)`);
  check((await candidate.getAttribute("data-sock-id")) === String(pairB.sock), `hotsox: swipe shows B's sock (after ${disliked} dislikes)`);
  check((await page.locator("#candidate-name").textContent()) === pairB.sockName, "hotsox: swipe shows the sock's name");
  check((await page.locator("#candidate-summary").textContent()) === "Green · Knee-high · size L (EU 43–46)",
    "hotsox: swipe shows the sock's choices by their labels");
  await page.getByText("All details").click();
  const details = await page.locator("#candidate-facts").textContent();
  check(details.includes("Merino") && details.includes("Homemade") && details.includes("Lightly worn") && details.includes("321"),
    "hotsox: swipe shows all the sock's details, labelled");
  check((await page.locator("#candidate-special").textContent()) === twinText, "hotsox: swipe shows what makes it special");
  const candidateImage = page.locator("#candidate-pictures img").first();
  await page.waitForFunction(() => document.querySelector("#candidate-pictures img")?.complete);
  check(await mediaImageLoaded(candidateImage), "hotsox: swipe shows the sock's picture from /media/");
  await capture(page, "hotsox-swipe");

  // B likes A's sock through the API; A's like then makes the match.
  const tokenB = await hotsoxToken(pairB);
  const fromB = await hotsoxApi("POST", `/api/v1/user/swipe/${pairB.sock}/judge/${pairA.sock}?like=true`, { token: tokenB });
  check(fromB.status === 201 && fromB.data.match === "no new match", `hotsox: B likes A's sock through the API (${fromB.status})`);
  // Like with the keyboard: Like follows Dislike in the tab order; Enter presses it.
  await page.getByRole("button", { name: "Dislike", exact: true }).focus();
  await page.keyboard.press("Tab");
  check((await focusedId(page)) === "like" && await focusVisible(page), "keyboard: Tab goes from Dislike to Like, focused visibly");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector("#verdict").hidden);
  check((await page.locator("#verdict").textContent()).includes("It's a match!"), "hotsox: liking B's sock shows the match");
  await shownOrDone(String(pairB.sock));
  await capture(page, "hotsox-swipe-match");
  if (await candidate.isVisible()) {  // another sock in the database: dislike it
    const other = await candidate.getAttribute("data-sock-id");
    const otherName = await page.locator("#candidate-name").textContent();
    await page.getByRole("button", { name: "Dislike", exact: true }).click();
    await shownOrDone(other);
    check((await page.locator("#verdict").textContent()) === `You disliked ${otherName}.`, "hotsox: Dislike says so, and the next sock follows");
  }

  // "No more socks": real when A's sock has seen every sock there is; when
  // the database holds other socks, the API's answer is played to the page.
  const tokenA = await hotsoxToken(pairA);
  const next = await hotsoxApi("GET", `/api/v1/user/swipe/${pairA.sock}/next`, { token: tokenA });
  if (next.status === 404) {
    check(await page.locator("#no-more").isVisible(), "hotsox: swipe says 'No more socks' after judging all");
    await capture(page, "hotsox-swipe-no-more");
  } else {
    await page.route(`**/api/v1/user/swipe/${pairA.sock}/next`, (route) => route.fulfill({
      status: 404, contentType: "application/json", body: JSON.stringify({ error: "no more socks" }) }));
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForFunction(() => !document.querySelector("#no-more").hidden || !document.querySelector("#page-alert").hidden);
    check((await page.locator("#no-more").textContent()).includes("No more socks"),
      "hotsox: swipe says 'No more socks' when the API does (answer played: other socks exist)");
    await capture(page, "hotsox-swipe-no-more");
    await page.unroute(`**/api/v1/user/swipe/${pairA.sock}/next`);
  }

  // Matches: the match with B, B's username not known yet (no chat yet).
  await nav.getByRole("link", { name: "Matches", exact: true }).click();
  await page.waitForURL("**/hotsox/matches/");
  await page.waitForSelector("#content:not([hidden])");
  const matchCard = page.locator(".match-card", { hasText: `user #${pairB.id}` });
  check(await matchCard.isVisible(), "hotsox: the matches page shows the match with B");
  const matchText = await matchCard.textContent();
  check(matchText.includes(`#${pairB.id}`) && matchText.includes("not known yet"),
    "hotsox: the match shows B's user id and that B's username is not known yet");
  await capture(page, "hotsox-matches");
  await matchCard.getByLabel("Their username, to open the chat").fill(pairB.username);
  await matchCard.getByRole("button", { name: "Open chat" }).click();
  await page.waitForURL("**/hotsox/chat/?with=*");

  // Chat: send one, see it; B answers through the API; Refresh shows it.
  await page.waitForSelector("#conversation:not([hidden])");
  check((await page.locator("#conversation-title").textContent()) === `Chat with ${pairB.username}`, "hotsox: the chat with B opens");
  const hello = `Hello from A, ${letters}!`;
  await page.getByLabel("Message", { exact: true }).fill(hello);
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForFunction((text) => [...document.querySelectorAll(".chat-message.mine .chat-text")].some((p) => p.textContent === text), hello);
  check(true, "hotsox: the message sent is shown in the chat");
  const reply = `Hi A, says B (${letters})`;
  const sent = await hotsoxApi("POST", `/api/v1/user/chat/${pairA.username}/`, { token: tokenB, json: { message: reply } });
  check(sent.status === 201, `hotsox: B answers through the API (${sent.status})`);
  // The original's chat lists only the caller's own messages: B's answer is not among them.
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.waitForSelector("#refresh:not([disabled])");  // the reload done
  await page.waitForFunction((text) => [...document.querySelectorAll(".chat-message.mine .chat-text")].some((p) => p.textContent === text), hello);
  check(await page.locator(".chat-message.theirs").count() === 0 &&
    (await page.locator(".chat-message.mine .chat-meta").first().textContent()).startsWith(`You to ${pairB.username}`),
    "hotsox: the chat shows what I sent, to B");
  await capture(page, "hotsox-chat");
  // The API's errors: chatting with myself, with someone I have no match with.
  await page.getByLabel("Chat with (username)").fill(pairA.username);
  await page.getByRole("button", { name: "Open chat" }).click();
  await page.waitForSelector("#open .form-alert:not([hidden])");
  check((await page.locator("#open .form-alert").textContent()).trim() !== "", "hotsox: chatting with myself shows an error (the API's bare 400)");
  check(await page.locator("#conversation").isHidden(), "hotsox: no conversation is shown then");
  await page.getByLabel("Chat with (username)").fill(`nobody${letters}`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await page.waitForFunction(() => document.querySelector("#open .form-alert").textContent.includes("Not found"));
  check(true, "hotsox: chatting with an unknown user shows the API's error");

  // Matches again: B's username is known from my chat now.
  await nav.getByRole("link", { name: "Matches", exact: true }).click();
  await page.waitForSelector("#content:not([hidden])");
  const named = page.locator(".match-card", { hasText: `Match with ${pairB.username}` });
  check(await named.isVisible(), "hotsox: after chatting, the match names B");
  check((await named.getByRole("link", { name: `Chat with ${pairB.username}` }).getAttribute("href")) === `/hotsox/chat/?with=${pairB.username}`,
    "hotsox: the match links to the chat with B");

  // Mail: the field errors, send one to myself, delete it.
  await nav.getByRole("link", { name: "Mail", exact: true }).click();
  await page.waitForURL("**/hotsox/mail/");
  await page.waitForSelector("#content:not([hidden])");
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForSelector("#message-api-error");
  const blank = /blank|required/;
  check(blank.test(await page.locator("#subject-api-error").textContent()) && blank.test(await page.locator("#message-api-error").textContent()),
    "hotsox: a blank mail shows the API's errors next to both fields");
  const subject = `Note to self ${letters}`;
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Buy more socks.\nPairs, this time.");
  await page.getByRole("button", { name: "Send" }).click();
  const mailCard = page.locator(".mail-card", { hasText: subject });
  await mailCard.waitFor();
  check((await mailCard.textContent()).includes("Pairs, this time."), "hotsox: the mail sent is listed");
  const listed = await hotsoxApi("GET", "/api/v1/user/mail/", { token: tokenA });
  check(listed.status === 200 && listed.data.some((m) => m.subject === subject), "hotsox: the API has the mail");
  await capture(page, "hotsox-mail");
  await page.getByRole("button", { name: `Delete the mail ${subject}` }).click();
  await mailCard.waitFor({ state: "detached" });
  check((await page.locator("#status").textContent()).includes("was deleted"), "hotsox: the mail is deleted");

  // Unmatch, after confirming.
  await nav.getByRole("link", { name: "Matches", exact: true }).click();
  await page.waitForSelector("#content:not([hidden])");
  await page.getByRole("button", { name: `Unmatch ${pairB.username}…` }).click();
  await page.getByRole("button", { name: "Yes, unmatch" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".match-card").length === 0);
  check((await page.locator("#status").textContent()).includes("successfully unmatched"), "hotsox: unmatching says so");
  await page.reload({ waitUntil: "networkidle" });
  await page.waitForSelector("#content:not([hidden])");
  check(await page.locator("#none").isVisible(), "hotsox: no matches are left");
  // The original lists a chat without a match as empty (200 []); only sending needs an active match.
  await page.goto(`${base}/hotsox/chat/?with=${pairB.username}`, { waitUntil: "networkidle" });
  await page.waitForSelector("#conversation:not([hidden])");
  check(await page.locator("#empty").isVisible(), "hotsox: after unmatching, the conversation is gone with the match");
  await page.getByLabel("Message", { exact: true }).fill("Still there?");
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForSelector("#send .form-alert:not([hidden])");
  check((await page.locator("#send .form-alert").textContent()).includes("no match"), "hotsox: and sending says there is no match");
}, [/status of 40[04]/]);

// Clean up: the two users go, through the API.
for (const user of [pairA, pairB]) {
  try {
    const token = await hotsoxToken(user);
    const gone = await hotsoxApi("DELETE", "/api/v1/user/", { token });
    check(gone.status === 204, `hotsox part 2: ${user.username} deleted (${gone.status})`);
  } catch (error) {
    if (user.id) check(false, `hotsox part 2: deleting ${user.username}: ${error.message}`);
  }
}

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
console.log(`# ${captured.length} pages and states checked by axe and saved at 390 and 1280 px in ${screenshots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
