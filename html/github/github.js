// The GitHub users page: /, /users, /users/<page> or /users/page/<page>, with
// ?pagination=, &username= and &order_by= in the query; the API does the work.
"use strict";

function currentPage() {
  const match = window.location.pathname.match(/^\/users\/(?:page\/)?(\d+)$/);
  return match ? Number(match[1]) : 1;
}

// Page numbers to link, with null for a gap (…): the edges and the pages
// around the current one, like Flask-SQLAlchemy's iter_pages.
function pageNumbers(page, pages) {
  const numbers = [];
  let last = 0;
  for (let n = 1; n <= pages; n += 1) {
    if (n <= 2 || n > pages - 2 || (n >= page - 2 && n <= page + 4)) {
      if (n - last > 1) numbers.push(null);
      numbers.push(n);
      last = n;
    }
  }
  return numbers;
}

function pageUrl(page, params) {
  const query = new URLSearchParams();
  for (const key of ["pagination", "username", "order_by"]) {
    if (params.get(key)) query.set(key, params.get(key));
  }
  const text = query.toString();
  return `/users/${page}${text ? `?${text}` : ""}`;
}

function pageItem(label, href, { active = false, disabled = false } = {}) {
  const item = document.createElement("li");
  item.className = `page-item${active ? " active" : ""}${disabled ? " disabled" : ""}`;
  const link = document.createElement(href && !disabled ? "a" : "span");
  link.className = "page-link";
  link.textContent = label;
  if (href && !disabled) link.href = href;
  if (active) link.setAttribute("aria-current", "page");
  item.appendChild(link);
  return item;
}

// A stand-in drawn here for an avatar that does not load (GitHub's host out of
// reach, a blocked request): the username's first letters on a colour of its
// own, so each user still looks different.
function avatarFallback(username) {
  const fallback = document.createElement("span");
  fallback.className = "avatar avatar-fallback";
  fallback.setAttribute("aria-hidden", "true");
  fallback.textContent = (username.match(/[A-Za-z0-9]/g) || ["?"]).slice(0, 2).join("").toUpperCase();
  // One of eight colours (github.css), picked by the name: no inline style.
  let hash = 0;
  for (const character of username) hash = (hash * 31 + character.codePointAt(0)) % 8;
  fallback.classList.add(`avatar-colour-${hash}`);
  return fallback;
}

// The avatar is decoration (the card names the user), so its alt text is
// empty: nothing spills over the card when it does not load.
function avatar(user) {
  const image = document.createElement("img");
  image.className = "avatar";
  image.src = user.image_url;
  image.alt = "";
  image.width = 64;
  image.height = 64;
  image.loading = "lazy";
  image.addEventListener("error", () => image.replaceWith(avatarFallback(user.username)), { once: true });
  return image;
}

function userCard(user) {
  const column = document.createElement("div");
  column.className = "col";
  const card = document.createElement("a");
  card.className = "card user-card h-100 text-decoration-none";
  card.href = user.profile_url;
  card.rel = "noopener";
  const body = document.createElement("div");
  body.className = "card-body d-flex align-items-center gap-3";
  const text = document.createElement("div");
  const title = document.createElement("h2");
  title.className = "card-title";
  title.textContent = `${user.id} - ${user.username}`;
  const type = document.createElement("small");
  type.className = "text-muted";
  type.textContent = user.type;
  text.append(title, type);
  body.append(avatar(user), text);
  card.appendChild(body);
  column.appendChild(card);
  return column;
}

// The answer's JSON, or an error saying what came instead.
async function readJson(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { message: `The server answered HTTP ${response.status}.` };
  }
}

function setSummary(text, loading = false) {
  const summary = document.getElementById("summary");
  summary.textContent = text;
  summary.classList.toggle("state-loading", loading);
}

async function show() {
  const params = new URLSearchParams(window.location.search);
  document.getElementById("username").value = params.get("username") || "";
  document.getElementById("order").value = params.get("order_by") === "type" ? "type" : "id";
  const api = new URLSearchParams(params);
  api.set("page", currentPage());
  const error = document.getElementById("error");
  const empty = document.getElementById("empty");
  setSummary("Loading users…", true);
  try {
    let response;
    try {
      response = await fetch(`/api/users/profiles?${api}`, { headers: { Accept: "application/json" } });
    } catch (unreachable) {
      throw new Error(`the server could not be reached (${unreachable.message})`);
    }
    const body = await readJson(response);
    if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
    document.getElementById("users").replaceChildren(...body.users.map(userCard));
    setSummary(`${body.total} users · page ${body.page} of ${Math.max(body.pages, 1)}`);
    const searched = params.get("username");
    empty.hidden = body.users.length > 0;
    document.getElementById("empty-text").textContent = searched
      ? `No user’s name contains “${searched}”.`
      : "There are no users yet: seed some with fcgi-app seed github.";
    document.getElementById("empty-clear").hidden = !searched;
    const pages = document.getElementById("pages");
    pages.replaceChildren();
    if (body.pages > 1) {
      pages.append(pageItem("Previous", body.has_prev ? pageUrl(body.prev_num, params) : null, { disabled: !body.has_prev }));
      for (const n of pageNumbers(body.page, body.pages)) {
        pages.appendChild(n === null ? pageItem("…", null, { disabled: true }) : pageItem(String(n), pageUrl(n, params), { active: n === body.page }));
      }
      pages.appendChild(pageItem("Next", body.has_next ? pageUrl(body.next_num, params) : null, { disabled: !body.has_next }));
    }
    error.hidden = true;
  } catch (failure) {
    setSummary("");
    error.textContent = `Could not load users: ${failure.message}`;
    error.hidden = false;
  }
}

document.getElementById("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams(window.location.search);
  const username = document.getElementById("username").value.trim();
  if (username) params.set("username", username); else params.delete("username");
  params.set("order_by", document.getElementById("order").value);
  window.location.assign(pageUrl(1, params));
});

show();
