// Chat: pick a username (the ones I have written to are offered, from GET
// /api/v1/user/chats/), read what I sent them (GET /api/v1/user/chat/<name>/:
// as in the original, the API shows only the caller's own messages) and send a
// message (POST the same). The API's errors are shown as they come.
"use strict";

{
  const pageAlert = document.getElementById("page-alert");
  const openForm = document.getElementById("open");
  const input = document.getElementById("with");
  const conversation = document.getElementById("conversation");
  const messages = document.getElementById("messages");
  const sendForm = document.getElementById("send");
  let partner = null;  // the username of the open chat

  function chatPath(username) {
    return `/api/v1/user/chat/${encodeURIComponent(username)}/`;
  }

  // Every message listed is one I sent; `other` is its receiver.
  function messageItem(chat) {
    const item = document.createElement("li");
    item.className = "chat-message mine";
    const meta = document.createElement("div");
    meta.className = "chat-meta small text-muted";
    meta.textContent = `You to ${chat.other.username} · ${HotSox.dateTime(chat.sent_date)}`;
    const text = document.createElement("p");
    text.className = "chat-text mb-0";
    text.textContent = chat.message;
    item.append(meta, text);
    return item;
  }

  function render(chats) {
    // The API answers newest first; a conversation reads oldest first.
    const sorted = [...chats].sort((a, b) => String(a.sent_date).localeCompare(String(b.sent_date)) || a.id - b.id);
    messages.replaceChildren(...sorted.map(messageItem));
    document.getElementById("empty").hidden = sorted.length > 0;
  }

  // Loads the chat with `username`; false (and the API's error shown) when
  // there is none to show.
  async function load(username) {
    const answer = await HotSox.api("GET", chatPath(username));
    if (!answer.ok) {
      conversation.hidden = true;
      partner = null;
      HotSox.showErrors(openForm, answer);
      return false;
    }
    HotSox.clearErrors(openForm);
    partner = username;
    document.getElementById("conversation-title").textContent = `Chat with ${username}`;
    render(Array.isArray(answer.data) ? answer.data : []);
    conversation.hidden = false;
    return true;
  }

  HotSox.handle(openForm, async () => {
    HotSox.clearErrors(openForm);
    const username = input.value.trim();
    if (!username) {
      HotSox.showErrors(openForm, { status: 400, data: { username: ["Type the username of someone you have a match with."] } });
      return;
    }
    const url = new URL(location.href);
    url.searchParams.set("with", username);
    history.replaceState(null, "", url);
    if (await load(username)) sendForm.elements.message.focus();
  });

  HotSox.handle(sendForm, async () => {
    HotSox.clearErrors(sendForm);
    if (!partner) return;
    const text = sendForm.elements.message.value;
    if (!text.trim()) {
      HotSox.showErrors(sendForm, { status: 400, data: { message: ["Write a message first."] } });
      return;
    }
    const answer = await HotSox.api("POST", chatPath(partner), { json: { message: text } });
    if (!answer.ok) {
      HotSox.showErrors(sendForm, answer);
      return;
    }
    sendForm.reset();
    await load(partner);
    messages.lastElementChild?.scrollIntoView({ block: "nearest" });
    sendForm.elements.message.focus();
  });

  const refresh = document.getElementById("refresh");
  refresh.addEventListener("click", async () => {
    if (!partner) return;
    refresh.disabled = true;
    try {
      await load(partner);
    } catch (error) {
      if (error.status !== 401) HotSox.showAlert(openForm, error.message);
    } finally {
      refresh.disabled = false;
    }
  });

  (async () => {
    try {
      HotSox.requireSession();
      // The usernames I have written to, to choose from.
      const chats = await HotSox.api("GET", "/api/v1/user/chats/");
      if (chats.ok && Array.isArray(chats.data)) {
        const names = [...new Set(chats.data.map((chat) => chat.other.username))].sort();
        document.getElementById("known-users").replaceChildren(...names.map((name) => new Option(name)));
        document.getElementById("no-chats").hidden = names.length > 0 || new URLSearchParams(location.search).has("with");
      } else if (!chats.ok) {
        throw new HotSox.ApiError(HotSox.generalMessage(chats.data, chats), chats.status, chats.data);
      }
      const wanted = new URLSearchParams(location.search).get("with");
      if (wanted) {
        input.value = wanted;
        await load(wanted);
      } else {
        input.focus();
      }
    } catch (error) {
      if (error.status === 401) return;  // on the way to the login page
      pageAlert.textContent = error.message;
      pageAlert.hidden = false;
    }
  })();
}
