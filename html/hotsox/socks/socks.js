// My socks: the list (GET /api/v1/user/socks/, page by page), add one (POST
// /api/v1/user/sock/), edit (PUT), delete (DELETE) and their pictures.
"use strict";

{
  const status = document.getElementById("status");
  const pageAlert = document.getElementById("page-alert");
  const list = document.getElementById("socks");
  const form = document.getElementById("sock-form");
  const formTitle = document.getElementById("form-title");
  const submitButton = document.getElementById("form-submit");
  const cancelButton = document.getElementById("form-cancel");
  let page = 1;
  let socks = [];
  let editing = null;  // the sock being edited, or null when adding

  HotSox.fillChoices();

  function say(text, kind = "success") {
    status.textContent = text;
    status.className = kind === "muted" ? "text-muted" : `alert alert-${kind}`;
    status.hidden = !text;
  }

  function pageOf(url) {
    if (!url) return null;
    const value = new URL(url, location.origin).searchParams.get("page");
    return value ? Number(value) : 1;
  }

  // Loads a page of socks ("last" for the last one) and shows it.
  async function load(which = page) {
    let answer = await HotSox.api("GET", `/api/v1/user/socks/?page=${which}`);
    if (answer.status === 404 && which !== "last") answer = await HotSox.api("GET", "/api/v1/user/socks/?page=last");
    if (!answer.ok) throw new HotSox.ApiError(HotSox.generalMessage(answer.data, answer), answer.status, answer.data);
    const data = answer.data;
    const previous = pageOf(data.previous);
    page = previous === null ? 1 : previous + 1;
    socks = data.results;
    render(data);
  }

  function render(data) {
    const summary = document.getElementById("summary");
    summary.textContent = data.count === 0
      ? "You have no socks yet: add your first one below, then a picture of it, and start swiping."
      : `${data.count} sock${data.count === 1 ? "" : "s"}${data.next || data.previous ? `, page ${page}` : ""}.`;
    summary.className = data.count === 0 ? "alert alert-info" : "text-muted";
    list.replaceChildren(...socks.map(card));
    const pages = document.getElementById("pages");
    pages.replaceChildren();
    if (data.previous || data.next) {
      const item = (label, target) => {
        const li = document.createElement("li");
        li.className = `page-item${target === null ? " disabled" : ""}`;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "page-link";
        button.textContent = label;
        button.disabled = target === null;
        button.addEventListener("click", () => run(() => load(target)));
        li.append(button);
        return li;
      };
      pages.append(item("Previous", pageOf(data.previous)), item("Next", pageOf(data.next)));
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, text, label) {
    const node = element("button", className, text);
    node.type = "button";
    if (label) node.setAttribute("aria-label", label);
    return node;
  }

  // One sock as a card: what it is, its pictures and the form to add one, all
  // its details, and editing and deleting it.
  function card(sock) {
    const col = element("div", "col");
    const article = element("article", "card h-100 sock-card");
    article.id = `sock-${sock.id}`;
    article.setAttribute("aria-labelledby", `sock-${sock.id}-name`);
    const body = element("div", "card-body");
    const upload = pictureForm(sock);
    body.append(...sockHeading(sock), pictureList(sock, upload), upload, sockDetails(sock), ...sockActions(sock));
    article.append(body);
    col.append(article);
    return col;
  }

  // The sock's name, its short line (color, type, size) and what makes it special.
  function sockHeading(sock) {
    const title = element("h2", "h5 card-title", sock.info_name);
    title.id = `sock-${sock.id}-name`;
    const summary = element("p", "card-subtitle text-muted mb-2", HotSox.sockSummary(sock));
    const special = element("p", "mb-2", sock.info_special);
    return [title, summary, special];
  }

  // The sock's pictures, each with its Remove button, or a word on why to add one.
  function pictureList(sock, upload) {
    const pictures = element("div", "pictures mb-2");
    const list = sock.profile_picture || [];
    pictures.append(...list.map((picture, index) =>
      HotSox.pictureItem(picture, `Picture ${index + 1} of ${sock.info_name}`, (p, remove) => removePicture(sock, p, remove, upload))));
    if (!list.length) {
      pictures.append(element("p", "text-muted small mb-0", "No pictures yet: others only get to see a sock with a picture."));
    }
    return pictures;
  }

  // The form that uploads a picture of the sock.
  function pictureForm(sock) {
    const upload = element("form", "mb-3");
    upload.noValidate = true;
    const uploadId = `sock-${sock.id}-picture`;
    const alert = element("div", "form-alert");
    alert.hidden = true;
    const label = element("label", "form-label", `Add a picture of ${sock.info_name}`);
    label.htmlFor = uploadId;
    const row = element("div", "file-row");
    const input = element("input", "form-control form-control-sm");
    input.type = "file";
    input.id = uploadId;
    input.name = "profile_picture";
    input.accept = "image/jpeg,image/png,image/webp";
    const send = element("button", "btn btn-primary btn-sm", "Upload");
    send.type = "submit";
    send.setAttribute("aria-label", `Upload the picture of ${sock.info_name}`);
    row.append(input, send);
    upload.append(alert, label, row);
    HotSox.handle(upload, () => addPicture(sock, upload, input));
    return upload;
  }

  // Every detail of the sock, folded.
  function sockDetails(sock) {
    const details = element("details", "mb-3");
    const facts = HotSox.sockFacts(sock);
    facts.classList.add("mt-2");
    details.append(element("summary", "", "All details"), facts);
    return details;
  }

  // Edit and Delete…; deleting asks first, in the card.
  function sockActions(sock) {
    const actions = element("p", "d-flex flex-wrap gap-2 mb-0");
    const edit = button("btn btn-outline-primary btn-sm", "Edit", `Edit ${sock.info_name}`);
    edit.addEventListener("click", () => startEdit(sock));
    const remove = button("btn btn-outline-danger btn-sm", "Delete…", `Delete ${sock.info_name}…`);
    actions.append(edit, remove);

    const confirm = element("div", "alert alert-warning mt-3 mb-0");
    confirm.setAttribute("role", "alertdialog");
    confirm.setAttribute("aria-label", `Delete ${sock.info_name}?`);
    confirm.hidden = true;
    const question = element("p", "", `Delete ${sock.info_name} and its pictures? This cannot be undone.`);
    const yes = button("btn btn-danger btn-sm me-2", "Yes, delete it");
    const no = button("btn btn-outline-secondary btn-sm", "Keep it");
    const confirmError = element("p", "text-danger mt-2 mb-0");
    confirmError.setAttribute("role", "alert");
    confirmError.hidden = true;
    confirm.append(question, yes, no, confirmError);
    remove.addEventListener("click", () => { confirm.hidden = false; remove.disabled = true; yes.focus(); });
    no.addEventListener("click", () => { confirm.hidden = true; remove.disabled = false; remove.focus(); });
    yes.addEventListener("click", () => deleteSock(sock, yes, confirmError));
    return [actions, confirm];
  }

  async function addPicture(sock, upload, input) {
    HotSox.clearErrors(upload);
    if (!input.files.length) {
      HotSox.showErrors(upload, { status: 400, data: { profile_picture: ["Choose a picture first."] } });
      return;
    }
    const data = new FormData();
    data.append("profile_picture", input.files[0]);
    const answer = await HotSox.api("POST", `/api/v1/user/sock/${sock.id}/profilepic/`, { form: data });
    if (!answer.ok) {
      HotSox.showErrors(upload, answer);
      return;
    }
    sock.profile_picture = [...(sock.profile_picture || []), answer.data];
    replaceCard(sock, `A picture of ${sock.info_name} was added.`);
  }

  async function removePicture(sock, picture, button, upload) {
    button.disabled = true;
    HotSox.clearErrors(upload);
    try {
      const answer = await HotSox.api("DELETE", `/api/v1/user/sock/${sock.id}/profilepic/${picture.id}`);
      if (!answer.ok && answer.status !== 404) {
        HotSox.showErrors(upload, answer);
        button.disabled = false;
        return;
      }
      sock.profile_picture = sock.profile_picture.filter((p) => p.id !== picture.id);
      replaceCard(sock, `A picture of ${sock.info_name} was removed.`);
    } catch (error) {
      HotSox.showAlert(upload, error.message);
      button.disabled = false;
    }
  }

  function replaceCard(sock, message) {
    const old = document.getElementById(`sock-${sock.id}`);
    const fresh = card(sock);
    if (old) old.parentElement.replaceWith(fresh);
    if (message) {
      say("", "muted");  // the message is the card's now; an older one above would be stale
      const upload = fresh.querySelector("form");
      HotSox.showAlert(upload, message, "success");
    }
  }

  async function deleteSock(sock, button, errorText) {
    button.disabled = true;
    errorText.hidden = true;
    try {
      const answer = await HotSox.api("DELETE", `/api/v1/user/sock/${sock.id}/`);
      if (!answer.ok && answer.status !== 404) {
        errorText.textContent = HotSox.generalMessage(answer.data, answer);
        errorText.hidden = false;
        button.disabled = false;
        return;
      }
      if (editing && editing.id === sock.id) stopEdit();
      await load(page);
      say(`${sock.info_name} was deleted.`);
    } catch (error) {
      errorText.textContent = error.message;
      errorText.hidden = false;
      button.disabled = false;
    }
  }

  // ---- the form: add, or edit ----

  function startEdit(sock) {
    editing = sock;
    form.reset();
    HotSox.clearErrors(form);
    HotSox.fillForm(form, sock);
    formTitle.textContent = `Edit ${sock.info_name}`;
    submitButton.textContent = "Save changes";
    cancelButton.hidden = false;
    form.scrollIntoView({ block: "start" });
    form.elements.info_name.focus();
  }

  function stopEdit() {
    editing = null;
    form.reset();
    HotSox.clearErrors(form);
    formTitle.textContent = "Add a sock";
    submitButton.textContent = "Add sock";
    cancelButton.hidden = true;
  }
  cancelButton.addEventListener("click", stopEdit);
  document.getElementById("add-sock").addEventListener("click", (event) => {
    event.preventDefault();
    stopEdit();
    form.scrollIntoView({ block: "start" });
    form.elements.info_name.focus();
  });

  HotSox.handle(form, async () => {
    HotSox.clearErrors(form);
    if (editing) {
      const sock = editing;
      const answer = await HotSox.api("PUT", `/api/v1/user/sock/${sock.id}/`, { json: HotSox.formJson(form) });
      if (!answer.ok) {
        HotSox.showErrors(form, answer);
        return;
      }
      stopEdit();
      // The PUT answer (the original's SockUpdate) holds the fields alone: the
      // id, joining date, pictures and judgements stay as they were.
      const saved = { ...sock, ...answer.data };
      const index = socks.findIndex((s) => s.id === saved.id);
      if (index >= 0) socks[index] = saved;
      replaceCard(saved, null);
      say(`${saved.info_name} was saved.`);
      document.getElementById(`sock-${saved.id}`).scrollIntoView({ block: "nearest" });
      return;
    }
    const answer = await HotSox.api("POST", "/api/v1/user/sock/", { json: HotSox.formJson(form, { omitBlank: true }) });
    if (!answer.ok) {
      HotSox.showErrors(form, answer);
      return;
    }
    stopEdit();
    await load(1);  // newest first
    say(`${answer.data.info_name} was added: add a picture of it.`);
    const added = document.getElementById(`sock-${answer.data.id}`);
    if (added) {
      added.scrollIntoView({ block: "nearest" });
      added.querySelector("input[type=file]").focus();
    }
  });

  // Runs a list action, showing a failure above the list.
  async function run(action) {
    pageAlert.hidden = true;
    try {
      await action();
    } catch (error) {
      if (error.status === 401) return;  // on the way to the login page
      pageAlert.textContent = error.message;
      pageAlert.hidden = false;
    }
  }

  run(async () => {
    try {
      HotSox.requireSession();
      await load(1);
      say("", "muted");
      document.getElementById("content").hidden = false;
    } catch (error) {
      status.hidden = true;
      throw error;
    }
  });
}
