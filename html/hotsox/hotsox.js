// Shared by the HotSox pages: the session (JWT tokens in sessionStorage, the
// access token refreshed before it expires and once on a 401), the API client,
// the HotSox navigation, and showing the API's errors next to their fields.
"use strict";

const HotSox = (() => {
  const KEY = "hotsox.session";
  // Refresh the access token this long before it expires (it lives 5 minutes).
  const MARGIN_MS = 30 * 1000;

  // The HotSox pages, in nav order. `auth`: true only when logged in, false only
  // when logged out, absent always.
  const PAGES = [
    { href: "/hotsox/", label: "HotSox" },
    { href: "/hotsox/profile/", label: "My profile", auth: true },
    { href: "/hotsox/socks/", label: "My socks", auth: true },
    { href: "/hotsox/swipe/", label: "Swipe", auth: true },
    { href: "/hotsox/matches/", label: "Matches", auth: true },
    { href: "/hotsox/chat/", label: "Chat", auth: true },
    { href: "/hotsox/mail/", label: "Mail", auth: true },
    { href: "/hotsox/signup/", label: "Sign up", auth: false },
    { href: "/hotsox/login/", label: "Log in", auth: false },
  ];

  class ApiError extends Error {
    constructor(message, status, data) {
      super(message);
      this.status = status;
      this.data = data;
    }
  }

  // ---- session -----------------------------------------------------------

  // The payload of a JWT, or null. Only read for its lifetime (exp - iat): the
  // expiry is kept in this browser's clock, so a skewed clock does no harm.
  function claims(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(atob(part + "=".repeat((4 - (part.length % 4)) % 4)));
    } catch {
      return null;
    }
  }

  function expiresAt(token, fallbackSeconds) {
    const c = claims(token);
    const lifetime = c && Number.isFinite(c.exp) && Number.isFinite(c.iat) ? c.exp - c.iat : fallbackSeconds;
    return Date.now() + lifetime * 1000;
  }

  function session() {
    try {
      const value = JSON.parse(sessionStorage.getItem(KEY));
      return value && value.refresh ? value : null;
    } catch {
      return null;
    }
  }

  function save(value) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
    schedule();
  }

  function setUsername(username) {
    const current = session();
    if (current) save({ ...current, username });
  }

  function logOut() {
    sessionStorage.removeItem(KEY);
    clearTimeout(timer);
  }

  // Logs in: the tokens are kept for this tab only (sessionStorage).
  async function logIn(username, password) {
    const answer = await api("POST", "/api/v1/token/", { json: { username, password }, auth: false });
    if (answer.ok) {
      save({
        username,
        access: answer.data.access,
        accessExpiresAt: expiresAt(answer.data.access, 300),
        refresh: answer.data.refresh,
        refreshExpiresAt: expiresAt(answer.data.refresh, 86400),
      });
    }
    return answer;
  }

  // Off to the login page, and back here afterwards. `expired`: there was a
  // session in this tab and it ended (the login page says so); otherwise
  // nobody has logged in here yet (the login page just asks to log in).
  function toLogin(expired) {
    const next = encodeURIComponent(location.pathname + location.search);
    location.assign(`/hotsox/login/?${expired ? "expired=1&" : ""}next=${next}`);
  }

  // The session has ended (refresh token expired or refused): back to login.
  function sessionEnded() {
    logOut();
    toLogin(true);
    return new ApiError("Your session has ended: please log in again.", 401, null);
  }

  // Nobody is logged in in this tab: to login, which is not an expiry.
  function loginRequired() {
    toLogin(false);
    return new ApiError("Please log in first.", 401, null);
  }

  let refreshing = null;
  // A new access token from the refresh token; one request at a time.
  function refreshAccess() {
    if (!refreshing) {
      refreshing = (async () => {
        const current = session();
        if (!current) throw loginRequired();
        if (current.refreshExpiresAt <= Date.now()) throw sessionEnded();
        let response;
        try {
          response = await fetch("/api/v1/token/refresh/", {
            method: "POST",
            headers: { Accept: "application/json", "Content-Type": "application/json" },
            body: JSON.stringify({ refresh: current.refresh }),
          });
        } catch (error) {
          throw new ApiError(`The server could not be reached (${error.message}).`, 0, null);
        }
        const data = await readBody(response);
        if (response.status === 401) throw sessionEnded();
        if (!response.ok) throw new ApiError(generalMessage(data, response), response.status, data);
        const latest = session() || current;
        save({ ...latest, access: data.access, accessExpiresAt: expiresAt(data.access, 300) });
        return data.access;
      })().finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  // An access token that is valid for at least MARGIN_MS more.
  async function accessToken() {
    const current = session();
    if (!current) throw loginRequired();
    if (current.access && current.accessExpiresAt - Date.now() > MARGIN_MS) return current.access;
    return refreshAccess();
  }

  // Keeps the access token fresh while the page is open.
  let timer = null;
  function schedule() {
    clearTimeout(timer);
    const current = session();
    if (!current) return;
    const wait = Math.max(current.accessExpiresAt - Date.now() - MARGIN_MS, 1000);
    timer = setTimeout(() => { refreshAccess().catch(() => {}); }, wait);
  }

  // ---- API ---------------------------------------------------------------

  async function readBody(response) {
    const text = await response.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return { detail: text.slice(0, 300) };
    }
  }

  // Sends a request to the API: `json` (an object) or `form` (FormData) as the
  // body; with the access token unless `auth` is false. Answers
  // {ok, status, data}; a 401 is retried once with a refreshed access token.
  // Throws ApiError only when the server cannot be reached or the session ended.
  async function api(method, path, { json, form, auth = true } = {}) {
    const headers = { Accept: "application/json" };
    let body;
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = form;
    }
    const send = async (token) => {
      const h = token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
      try {
        return await fetch(path, { method, headers: h, body });
      } catch (error) {
        throw new ApiError(`The server could not be reached (${error.message}).`, 0, null);
      }
    };
    let response = await send(auth ? await accessToken() : null);
    if (auth && response.status === 401) {
      response = await send(await refreshAccess());
      if (response.status === 401) throw sessionEnded();
    }
    const data = await readBody(response);
    return { ok: response.ok, status: response.status, data };
  }

  // For pages that need a logged-in user: off to login when nobody is.
  function requireSession() {
    if (!session()) throw loginRequired();
  }

  // For pages that need a logged-in user: their account, or off to login.
  async function requireLogin() {
    requireSession();
    const answer = await api("GET", "/api/v1/user/");
    if (!answer.ok) throw new ApiError(generalMessage(answer.data, answer), answer.status, answer.data);
    return answer.data;
  }

  // ---- errors ------------------------------------------------------------

  const GENERAL_KEYS = ["detail", "message", "non_field_errors", "error"];

  function asList(value) {
    if (Array.isArray(value)) return value.map(String);
    if (value && typeof value === "object") return [JSON.stringify(value)];
    return [String(value)];
  }

  // One readable sentence for an answer that is not field errors.
  function generalMessage(data, response) {
    const status = response ? `HTTP ${response.status}` : "";
    if (data && typeof data === "object") {
      for (const key of GENERAL_KEYS) {
        if (key in data && !(key === "error" && "message" in data)) return asList(data[key]).join(" ");
      }
      const parts = Object.entries(data).map(([key, value]) => `${key}: ${asList(value).join(" ")}`);
      if (parts.length) return parts.join(" · ");
    }
    return `The request failed (${status}).`;
  }

  function clearErrors(form) {
    for (const element of form.querySelectorAll(".is-invalid")) {
      element.classList.remove("is-invalid");
      element.removeAttribute("aria-invalid");
      const described = (element.getAttribute("aria-describedby") || "").split(" ")
        .filter((id) => !id.endsWith("-api-error")).join(" ");
      if (described) element.setAttribute("aria-describedby", described); else element.removeAttribute("aria-describedby");
    }
    for (const element of form.querySelectorAll(".api-error")) element.remove();
    const alert = form.querySelector(".form-alert");
    if (alert) { alert.hidden = true; alert.textContent = ""; }
  }

  // Shows an API error answer in a form: each field's messages next to its
  // field, anything else in the form's alert (.form-alert). A key that is also
  // a general one ("message") is a field's when the form has that field and
  // the answer is a list of messages, the way field errors come.
  function showErrors(form, answer) {
    clearErrors(form);
    const data = answer.data;
    const general = [];
    let first = null;
    if (data && typeof data === "object" && !Array.isArray(data)) {
      const fieldKeys = [];
      for (const [key, value] of Object.entries(data)) {
        const named = form.elements.namedItem(key);
        const field = GENERAL_KEYS.includes(key) && !Array.isArray(value) ? null : named;
        if (!field || !(field instanceof HTMLElement)) {
          if (!GENERAL_KEYS.includes(key)) general.push(`${key}: ${asList(value).join(" ")}`);
          continue;
        }
        fieldKeys.push(key);
        const feedback = document.createElement("div");
        feedback.className = "invalid-feedback api-error";
        feedback.id = `${field.id || key}-api-error`;
        feedback.textContent = asList(value).join(" ");
        field.classList.add("is-invalid");
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby",
          `${field.getAttribute("aria-describedby") || ""} ${feedback.id}`.trim());
        // After the field, or after its group (input-group, form-check label).
        const anchor = field.closest(".input-group, .form-check") || field;
        if (anchor !== field) anchor.classList.add("has-validation", "is-invalid");
        anchor.after(feedback);
        first = first || field;
      }
      const rest = { ...data };
      for (const key of fieldKeys) delete rest[key];
      if (GENERAL_KEYS.some((key) => key in rest)) general.unshift(generalMessage(rest, answer));
    } else {
      general.push(generalMessage(data, answer));
    }
    if (!general.length && !first) general.push(generalMessage(data, answer));
    if (general.length) showAlert(form, general.join(" "));
    if (first) first.focus();
  }

  function showAlert(container, text, kind = "danger") {
    let alert = container.querySelector(".form-alert");
    if (!alert) {
      alert = document.createElement("div");
      alert.className = "form-alert";
      container.prepend(alert);
    }
    alert.className = `form-alert alert alert-${kind}`;
    alert.setAttribute("role", kind === "danger" ? "alert" : "status");
    alert.textContent = text;
    alert.hidden = false;
  }

  // Runs an async action for a form: disables its submit button meanwhile and
  // shows an unreachable server as the form's alert.
  function handle(form, action) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const buttons = form.querySelectorAll("button[type=submit]");
      for (const button of buttons) button.disabled = true;
      try {
        await action(event);
      } catch (error) {
        showAlert(form, error.message);
      } finally {
        for (const button of buttons) button.disabled = false;
      }
    });
  }

  // ---- forms -------------------------------------------------------------

  // A form's fields as the API's JSON. data-kind="integer" or "number" sends a
  // number when the text is one (otherwise the text, for the API to explain);
  // checkboxes send booleans. A blank field is left out when `omitBlank` or
  // data-blank="omit", sent as null with data-blank="null" or a numeric kind,
  // and as "" otherwise.
  function formJson(form, { omitBlank = false } = {}) {
    const body = {};
    for (const element of form.elements) {
      if (!element.name || element.disabled || element.type === "file" || !("value" in element)) continue;
      if (element.tagName === "BUTTON" || element.tagName === "FIELDSET") continue;
      if (element.type === "checkbox") { body[element.name] = element.checked; continue; }
      const kind = element.dataset.kind || "text";
      const raw = element.type === "password" ? element.value : element.value.trim();
      if (raw === "") {
        const blank = element.dataset.blank || (kind === "text" ? "empty" : "null");
        if (omitBlank || blank === "omit") continue;
        body[element.name] = blank === "null" ? null : "";
        continue;
      }
      if (kind === "integer" && /^[+-]?\d+$/.test(raw)) body[element.name] = Number(raw);
      else if (kind === "number" && raw !== "" && Number.isFinite(Number(raw))) body[element.name] = Number(raw);
      else body[element.name] = raw;
    }
    return body;
  }

  // Puts an API object's values into a form's fields of the same names.
  function fillForm(form, values) {
    for (const element of form.elements) {
      if (!element.name || !(element.name in values) || element.type === "file" || element.type === "password") continue;
      const value = values[element.name];
      if (element.type === "checkbox") element.checked = Boolean(value);
      else element.value = value === null || value === undefined ? "" : String(value);
    }
  }

  // Fills <select>s that have data-choices="<name>" from HotSoxChoices.
  function fillChoices(root = document) {
    for (const select of root.querySelectorAll("select[data-choices]")) {
      const choices = window.HotSoxChoices[select.dataset.choices];
      for (const [value, label] of Object.entries(choices)) select.add(new Option(label, value));
    }
  }

  function choiceLabel(name, value) {
    const choices = window.HotSoxChoices[name] || {};
    return choices[String(value)] || String(value);
  }

  // ---- showing things ----------------------------------------------------

  // A moment from the API (ISO 8601, UTC) in this browser's words and time zone.
  function dateTime(iso) {
    const when = new Date(iso);
    if (Number.isNaN(when.getTime())) return String(iso);
    return when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  const SOCK_CHOICES = [
    ["info_color", "Color"], ["info_size", "Size"], ["info_type", "Type"], ["info_fabric", "Fabric"],
    ["info_fabric_thickness", "Thickness"], ["info_brand", "Brand"], ["info_condition", "Condition"],
    ["info_inoutdoor", "Worn where"],
  ];
  const SOCK_NUMBERS = [
    ["info_age", "Age (years)"], ["info_holes", "Holes"], ["info_kilometers", "Kilometers"], ["info_washed", "Washed"],
  ];

  // A sock's details as a <dl class="facts">, the choices by their labels.
  function sockFacts(sock) {
    const facts = document.createElement("dl");
    facts.className = "facts";
    const fact = (term, value) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value === "" || value === null || value === undefined ? "—" : String(value);
      facts.append(dt, dd);
    };
    for (const [name, term] of SOCK_CHOICES) fact(term, choiceLabel(name, sock[name]));
    for (const [name, term] of SOCK_NUMBERS) fact(term, sock[name]);
    fact("Separated on", sock.info_separation_date);
    fact("Joined on", sock.info_joining_date);
    fact("About", sock.info_about);
    return facts;
  }

  // A sock's short line: color, type and size by their labels.
  function sockSummary(sock) {
    return [
      choiceLabel("info_color", sock.info_color),
      choiceLabel("info_type", sock.info_type),
      `size ${choiceLabel("info_size", sock.info_size)}`,
    ].join(" · ");
  }

  // ---- navigation --------------------------------------------------------

  // The label of a HotSox page ("My socks") from its path, or null.
  function pageLabel(path) {
    const pathname = String(path).split(/[?#]/)[0];
    const page = PAGES.find((p) => p.href === pathname);
    return page ? page.label : null;
  }

  function renderNav() {
    const nav = document.getElementById("hotsox-nav");
    if (!nav) return;
    const current = session();
    const list = document.createElement("ul");
    list.className = "nav nav-pills flex-wrap align-items-center gap-1";
    for (const page of PAGES) {
      if (page.auth === true && !current) continue;
      if (page.auth === false && current) continue;
      const item = document.createElement("li");
      item.className = "nav-item";
      const link = document.createElement("a");
      link.className = "nav-link";
      link.href = page.href;
      link.textContent = page.label;
      if (location.pathname === page.href) {
        link.classList.add("active");
        link.setAttribute("aria-current", "page");
      }
      item.append(link);
      list.append(item);
    }
    if (current) {
      const who = document.createElement("li");
      who.className = "nav-item ms-auto small text-muted px-2";
      who.id = "hotsox-user";
      who.textContent = `Logged in as ${current.username}`;
      const out = document.createElement("li");
      out.className = "nav-item";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary btn-sm";
      button.textContent = "Log out";
      button.addEventListener("click", () => {
        logOut();
        location.assign("/hotsox/login/?loggedout=1");
      });
      out.append(button);
      list.append(who, out);
    }
    nav.replaceChildren(list);
  }

  // ---- pictures ----------------------------------------------------------

  // A thumbnail of a picture ({id, profile_picture}) with a Remove button that
  // calls onRemove(picture, button).
  function pictureItem(picture, alt, onRemove) {
    const figure = document.createElement("figure");
    figure.className = "picture figure mb-0";
    const img = document.createElement("img");
    img.src = picture.profile_picture;
    img.alt = alt;
    img.className = "img-thumbnail";
    img.loading = "lazy";
    const caption = document.createElement("figcaption");
    caption.className = "figure-caption";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-danger btn-sm";
    button.textContent = "Remove";
    button.setAttribute("aria-label", `Remove ${alt}`);
    button.addEventListener("click", () => onRemove(picture, button));
    caption.append(button);
    figure.append(img, caption);
    return figure;
  }

  document.addEventListener("DOMContentLoaded", () => {
    renderNav();
    schedule();
  });

  return {
    ApiError, api, session, logIn, logOut, setUsername, requireSession, requireLogin, refreshAccess,
    showErrors, clearErrors, showAlert, generalMessage, handle, fillChoices, choiceLabel, formJson, fillForm,
    renderNav, pageLabel, pictureItem, dateTime, sockFacts, sockSummary,
  };
})();
