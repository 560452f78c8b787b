// Matches: my matches (GET /api/v1/user/matches/), each with my sock (GET
// /api/v1/user/sock/<id>/), the other person's username when my sent chats
// (GET /api/v1/user/chats/) name it, a way to the chat, and unmatching
// (DELETE /api/v1/user/matches/<id>/delete) after confirming.
"use strict";

{
  const status = document.getElementById("status");
  const pageAlert = document.getElementById("page-alert");
  const list = document.getElementById("matches");
  const none = document.getElementById("none");
  let count = 0;

  function answerError(answer) {
    return new HotSox.ApiError(HotSox.generalMessage(answer.data, answer), answer.status, answer.data);
  }

  function say(text) {
    status.textContent = text;
    status.className = "alert alert-success";
    status.hidden = !text;
  }

  function summarize() {
    document.getElementById("summary").textContent = count ? `${count} match${count === 1 ? "" : "es"}.` : "";
    none.hidden = count > 0;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fact(dl, term, value) {
    dl.append(element("dt", "", term));
    const dd = element("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = value;
    dl.append(dd);
  }

  function chatLink(username) {
    const a = element("a", "btn btn-primary btn-sm", `Chat with ${username}`);
    a.href = `/hotsox/chat/?with=${encodeURIComponent(username)}`;
    return a;
  }

  // One match as a card. `partner`: the other person's username, or null when
  // the API has not told it; `mySock`: my sock, or null when it cannot be read.
  function card(match, partner, mySock) {
    const col = element("div", "col");
    const article = element("article", "card h-100 match-card");
    article.id = `match-${match.id}`;
    article.setAttribute("aria-labelledby", `match-${match.id}-title`);
    const body = element("div", "card-body");
    const title = element("h2", "h5 card-title",
      partner ? `Match with ${partner}` : `Match with user #${match.other}`);
    title.id = `match-${match.id}-title`;

    const facts = element("dl", "facts mb-3");
    fact(facts, "Their user id", `#${match.other}`);
    fact(facts, "Their username", partner || "not known yet");
    fact(facts, "Chatroom", element("code", "small", match.chatroom_uuid));

    const actions = element("div", "d-flex flex-wrap gap-2 mb-0");
    if (partner) {
      actions.append(chatLink(partner));
    } else {
      // Open the chat by typing the username.
      const form = element("form", "chat-by-name w-100");
      form.noValidate = true;
      const id = `match-${match.id}-username`;
      const label = element("label", "form-label small", "Their username, to open the chat");
      label.htmlFor = id;
      const row = element("div", "file-row");
      const input = element("input", "form-control form-control-sm");
      input.id = id;
      input.name = "username";
      input.required = true;
      input.autocomplete = "off";
      input.maxLength = 150;
      const open = element("button", "btn btn-primary btn-sm", "Open chat");
      open.type = "submit";
      row.append(input, open);
      form.append(label, row);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const name = input.value.trim();
        if (name) location.assign(`/hotsox/chat/?with=${encodeURIComponent(name)}`);
        else input.focus();
      });
      actions.append(form);
    }
    const unmatch = element("button", "btn btn-outline-danger btn-sm", "Unmatch…");
    unmatch.type = "button";
    unmatch.setAttribute("aria-label", `Unmatch ${partner || `user #${match.other}`}…`);
    actions.append(unmatch);

    // Unmatching asks first, in the card.
    const confirm = element("div", "alert alert-warning mt-3 mb-0");
    confirm.setAttribute("role", "alertdialog");
    confirm.setAttribute("aria-label", "Unmatch?");
    confirm.hidden = true;
    const question = element("p", "",
      "Unmatch? Your chat is deleted too, you will not see each other's socks again, and both of you are told by email.");
    const yes = element("button", "btn btn-danger btn-sm me-2", "Yes, unmatch");
    yes.type = "button";
    const no = element("button", "btn btn-outline-secondary btn-sm", "Keep the match");
    no.type = "button";
    const confirmError = element("p", "text-danger mt-2 mb-0");
    confirmError.setAttribute("role", "alert");
    confirmError.hidden = true;
    confirm.append(question, yes, no, confirmError);
    unmatch.addEventListener("click", () => { confirm.hidden = false; unmatch.disabled = true; yes.focus(); });
    no.addEventListener("click", () => { confirm.hidden = true; unmatch.disabled = false; unmatch.focus(); });
    yes.addEventListener("click", () => remove(match, partner, col, yes, confirmError));

    body.append(title, facts, actions, confirm);
    article.append(body);
    col.append(article);
    return col;
  }

  async function remove(match, partner, col, button, errorText) {
    button.disabled = true;
    errorText.hidden = true;
    try {
      const answer = await HotSox.api("DELETE", `/api/v1/user/matches/${match.id}/delete`);
      if (!answer.ok) {
        errorText.textContent = HotSox.generalMessage(answer.data, answer);
        errorText.hidden = false;
        button.disabled = false;
        return;
      }
      col.remove();
      count -= 1;
      summarize();
      const message = answer.data && typeof answer.data.message === "string" ? answer.data.message : "Unmatched";
      say(`${message}: ${partner || `user #${match.other}`}.`);
    } catch (error) {
      if (error.status === 401) return;
      errorText.textContent = error.message;
      errorText.hidden = false;
      button.disabled = false;
    }
  }

  // The list shows each match row as stored (either of us may be its "user");
  // one match read by id is turned so that I am "user" and they are "other".
  async function oriented(match) {
    const answer = await HotSox.api("GET", `/api/v1/user/matches/${match.id}`);
    return answer.ok ? answer.data : null;
  }

  (async () => {
    try {
      HotSox.requireSession();
      const [answer, chats] = await Promise.all([
        HotSox.api("GET", "/api/v1/user/matches/"),
        HotSox.api("GET", "/api/v1/user/chats/"),
      ]);
      let matches = [];
      if (answer.ok) matches = answer.data;
      else if (answer.status !== 404) throw answerError(answer);  // 404: no matches
      // The API names a match's users by id only, and my chats by username
      // only: a partner's username is known when I am their only chat partner.
      const partners = new Map();
      // Unmatched rows stay in the API's list; this page shows the active ones, newest first.
      matches = (await Promise.all(matches.filter((m) => !m.unmatched).map(oriented))).filter(Boolean);
      matches.sort((a, b) => b.id - a.id);
      const names = chats.ok && Array.isArray(chats.data) ? [...new Set(chats.data.map((c) => c.other.username))] : [];
      if (matches.length === 1 && names.length === 1) partners.set(matches[0].chatroom_uuid, names[0]);
      list.replaceChildren(...matches.map((m) => card(m, partners.get(m.chatroom_uuid) || null, null)));
      count = matches.length;
      summarize();
      document.getElementById("username-note").hidden = !matches.some((m) => !partners.has(m.chatroom_uuid));
      status.hidden = true;
      document.getElementById("content").hidden = false;
    } catch (error) {
      status.hidden = true;
      if (error.status === 401) return;  // on the way to the login page
      pageAlert.textContent = `Your matches could not be loaded: ${error.message}`;
      pageAlert.hidden = false;
    }
  })();
}
