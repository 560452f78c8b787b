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

function userCard(user) {
  const column = document.createElement("div");
  column.className = "col";
  const card = document.createElement("a");
  card.className = "card user-card h-100 text-decoration-none";
  card.href = user.profile_url;
  card.rel = "noopener";
  const body = document.createElement("div");
  body.className = "card-body d-flex align-items-center gap-3";
  const avatar = document.createElement("img");
  avatar.src = user.image_url;
  avatar.alt = `Avatar of ${user.username}`;
  avatar.loading = "lazy";
  const text = document.createElement("div");
  const title = document.createElement("h2");
  title.className = "card-title";
  title.textContent = `${user.id} - ${user.username}`;
  const type = document.createElement("small");
  type.className = "text-muted";
  type.textContent = user.type;
  text.append(title, type);
  body.append(avatar, text);
  card.appendChild(body);
  column.appendChild(card);
  return column;
}

async function show() {
  const params = new URLSearchParams(window.location.search);
  document.getElementById("username").value = params.get("username") || "";
  document.getElementById("order").value = params.get("order_by") === "type" ? "type" : "id";
  const api = new URLSearchParams(params);
  api.set("page", currentPage());
  const error = document.getElementById("error");
  try {
    const response = await fetch(`/api/users/profiles?${api}`, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
    document.getElementById("users").replaceChildren(...body.users.map(userCard));
    document.getElementById("summary").textContent =
      `${body.total} users · page ${body.page} of ${Math.max(body.pages, 1)}`;
    const pages = document.getElementById("pages");
    pages.replaceChildren(pageItem("Previous", body.has_prev ? pageUrl(body.prev_num, params) : null, { disabled: !body.has_prev }));
    for (const n of pageNumbers(body.page, body.pages)) {
      pages.appendChild(n === null ? pageItem("…", null, { disabled: true }) : pageItem(String(n), pageUrl(n, params), { active: n === body.page }));
    }
    pages.appendChild(pageItem("Next", body.has_next ? pageUrl(body.next_num, params) : null, { disabled: !body.has_next }));
    error.hidden = true;
  } catch (failure) {
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
