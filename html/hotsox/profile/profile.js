// My profile: GET /api/v1/user/ to show it, PUT (a full update) to edit it, DELETE
// to delete the account, and the profile pictures (POST / DELETE).
"use strict";

{
  const status = document.getElementById("status");
  const pageAlert = document.getElementById("page-alert");
  const editForm = document.getElementById("edit");
  const uploadForm = document.getElementById("picture-upload");
  const deleteForm = document.getElementById("delete");
  let account = null;

  HotSox.fillChoices();

  function fact(list, term, value) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = value === "" || value === null ? "—" : value;
    list.append(dt, dd);
  }

  function link(url) {
    if (!url) return "—";
    const a = document.createElement("a");
    a.href = url;
    a.textContent = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function render() {
    const name = `${account.first_name} ${account.last_name}`.trim();
    document.getElementById("profile-name").textContent = name ? `${name} (${account.username})` : account.username;
    const facts = document.getElementById("facts");
    facts.replaceChildren();
    fact(facts, "Username", account.username);
    fact(facts, "Email", account.email);
    fact(facts, "Name", name);
    fact(facts, "About me", account.info_about);
    fact(facts, "Date of birth", account.info_birthday);
    fact(facts, "Gender", HotSox.choiceLabel("info_gender", account.info_gender));
    const place = [account.location_city];
    if (account.location_latitude !== null && account.location_longitude !== null) {
      place.push(`(${account.location_latitude}, ${account.location_longitude})`);
    }
    fact(facts, "City", place.join(" "));
    fact(facts, "Notifications", account.notification ? "Emails on" : "Emails off");
    fact(facts, "Instagram", link(account.social_instagram));
    fact(facts, "Facebook", link(account.social_facebook));
    fact(facts, "Twitter", link(account.social_twitter));
    fact(facts, "Spotify", link(account.social_spotify));
    fact(facts, "Member since", (account.date_joined || "").slice(0, 10));
    document.getElementById("sock-count").textContent = String((account.sock || []).length);
    renderPictures();
  }

  function renderPictures() {
    const pictures = account.profile_picture || [];
    const list = document.getElementById("pictures");
    list.replaceChildren(...pictures.map((picture, index) =>
      HotSox.pictureItem(picture, `Picture ${index + 1} of ${account.username}`, removePicture)));
    document.getElementById("no-pictures").hidden = pictures.length > 0;
  }

  async function removePicture(picture, button) {
    button.disabled = true;
    HotSox.clearErrors(uploadForm);
    try {
      const answer = await HotSox.api("DELETE", `/api/v1/user/profilepic/${picture.id}`);
      if (!answer.ok && answer.status !== 404) {
        HotSox.showErrors(uploadForm, answer);
        return;
      }
      account.profile_picture = account.profile_picture.filter((p) => p.id !== picture.id);
      renderPictures();
      HotSox.showAlert(uploadForm, "The picture was removed.", "success");
    } catch (error) {
      HotSox.showAlert(uploadForm, error.message);
    } finally {
      button.disabled = false;
    }
  }

  HotSox.handle(uploadForm, async () => {
    HotSox.clearErrors(uploadForm);
    const input = uploadForm.elements.profile_picture;
    if (!input.files.length) {
      HotSox.showErrors(uploadForm, { status: 400, data: { profile_picture: ["Choose a picture first."] } });
      return;
    }
    const form = new FormData();
    form.append("profile_picture", input.files[0]);
    const answer = await HotSox.api("POST", "/api/v1/user/profilepic", { form });
    if (!answer.ok) {
      HotSox.showErrors(uploadForm, answer);
      return;
    }
    account.profile_picture = [...(account.profile_picture || []), answer.data];
    renderPictures();
    uploadForm.reset();
    HotSox.showAlert(uploadForm, "The picture was added.", "success");
  });

  // ---- edit ----

  const openButton = document.getElementById("edit-open");
  function showEdit(open) {
    editForm.hidden = !open;
    openButton.setAttribute("aria-expanded", String(open));
    if (open) {
      HotSox.clearErrors(editForm);
      HotSox.fillForm(editForm, account);
      editForm.scrollIntoView({ block: "start" });
      editForm.elements.username.focus();
    }
  }
  openButton.addEventListener("click", () => showEdit(editForm.hidden));
  document.getElementById("edit-cancel").addEventListener("click", () => showEdit(false));

  function same(a, b) {
    const norm = (v) => (v === null || v === undefined ? "" : String(v));
    return norm(a) === norm(b);
  }

  HotSox.handle(editForm, async () => {
    HotSox.clearErrors(editForm);
    const body = HotSox.formJson(editForm);
    // PUT is a full update: the required fields always go along; of the
    // others, only what changed (an absent one keeps its value).
    const required = ["username", "info_gender", "location_city"];
    let changed = false;
    for (const key of Object.keys(body)) {
      if (same(body[key], account[key])) {
        if (!required.includes(key)) delete body[key];
      } else {
        changed = true;
      }
    }
    if (!changed) {
      HotSox.showAlert(editForm, "Nothing to save: no field was changed.", "info");
      return;
    }
    const answer = await HotSox.api("PUT", "/api/v1/user/", { json: body });
    if (!answer.ok) {
      HotSox.showErrors(editForm, answer);
      return;
    }
    account = { ...account, ...answer.data };
    if (body.username !== undefined) HotSox.setUsername(account.username);
    HotSox.renderNav();
    render();
    showEdit(false);
    status.textContent = "Your profile was saved.";
    status.className = "alert alert-success";
    status.hidden = false;
  });

  // ---- delete ----

  const deleteOpen = document.getElementById("delete-open");
  const deleteButton = deleteForm.querySelector("button[type=submit]");
  const confirmInput = deleteForm.elements.confirm;
  function showDelete(open) {
    deleteForm.hidden = !open;
    deleteOpen.hidden = open;
    deleteOpen.setAttribute("aria-expanded", String(open));
    confirmInput.value = "";
    deleteButton.disabled = true;
    HotSox.clearErrors(deleteForm);
    if (open) confirmInput.focus(); else deleteOpen.focus();
  }
  deleteOpen.addEventListener("click", () => showDelete(true));
  document.getElementById("delete-cancel").addEventListener("click", () => showDelete(false));
  confirmInput.addEventListener("input", () => {
    deleteButton.disabled = confirmInput.value.trim() !== account.username;
  });

  HotSox.handle(deleteForm, async () => {
    HotSox.clearErrors(deleteForm);
    if (confirmInput.value.trim() !== account.username) {
      HotSox.showErrors(deleteForm, { status: 400, data: { confirm: ["Type your username exactly."] } });
      return;
    }
    const answer = await HotSox.api("DELETE", "/api/v1/user/");
    if (!answer.ok) {
      HotSox.showErrors(deleteForm, answer);
      return;
    }
    HotSox.logOut();
    location.assign("/hotsox/?deleted=1");
  });

  // ---- load ----

  (async () => {
    try {
      account = await HotSox.requireLogin();
      render();
      status.textContent = "";
      status.hidden = true;
      document.getElementById("profile").hidden = false;
    } catch (error) {
      if (error.status === 401) return;  // on the way to the login page
      status.hidden = true;
      pageAlert.textContent = `Your profile could not be loaded: ${error.message}`;
      pageAlert.hidden = false;
    }
  })();
}
