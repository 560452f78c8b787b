// Every page in headless Chromium (Debian's), driven by playwright-core: load
// it, do its main action, check what it shows, save a screenshot; no console
// error, and no request leaves the machine.
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
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

// `allowed`: console errors this visit expects (say, the browser's own line
// about a 400 answer the page is meant to show), as regular expressions.
async function visit(name, path, action, allowed = []) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !allowed.some((re) => re.test(message.text()))) errors.push(message.text());
  });
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
  for (const app of ["PhGen", "Users", "Hello", "GitHub users", "HotSox"]) {
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
  await page.getByLabel("Password", { exact: true }).fill("short");
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
  await page.screenshot({ path: `${screenshots}/hotsox-signup-errors.png`, fullPage: true });
  await page.goto(`${base}/hotsox/login/`);
  await page.getByLabel("Username", { exact: true }).fill(hotsoxUser);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForSelector("#password-api-error");
  check((await errorOf("password")).includes("may not be blank"), "hotsox: log in shows the blank password next to it");
}, [/status of 400/]);

// The whole journey in one tab (the tokens live in this tab's sessionStorage).
await visit("hotsox", "/hotsox/", async (page) => {
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
  await page.screenshot({ path: `${screenshots}/hotsox-profile.png`, fullPage: true });

  // My socks: create, picture, edit, delete.
  await page.locator("#hotsox-nav").getByRole("link", { name: "My socks" }).click();
  await page.waitForURL("**/hotsox/socks/");
  await page.waitForSelector("#content:not([hidden])");
  check((await page.locator("#summary").textContent()).includes("no socks yet"), "hotsox: a new user has no socks");
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
  await page.screenshot({ path: `${screenshots}/hotsox-socks.png`, fullPage: true });

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
  await page.waitForURL("**/hotsox/login/?expired=1**");
  check(await page.getByRole("button", { name: "Log in" }).isVisible(), "hotsox: my socks without a session leads to log in");
  check(errors.length === 0, `hotsox: no console errors after deleting${errors.length ? ` (${errors.join(" | ")})` : ""}`);
}, [/status of 401/]);

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
