// Mail: my mails (GET /api/v1/user/mail/), write one to myself (POST; it is
// also emailed to me when my notifications are on) and delete one (DELETE
// /api/v1/user/mail/<id>/).
"use strict";

{
  const status = document.getElementById("status");
  const pageAlert = document.getElementById("page-alert");
  const form = document.getElementById("compose");
  const list = document.getElementById("mails");
  let mails = [];

  function say(text) {
    status.textContent = text;
    status.className = "alert alert-success";
    status.hidden = !text;
  }

  function render() {
    mails.sort((a, b) => String(b.sent_date).localeCompare(String(a.sent_date)) || b.id - a.id);
    list.replaceChildren(...mails.map(item));
    const summary = document.getElementById("summary");
    summary.textContent = mails.length ? `${mails.length} mail${mails.length === 1 ? "" : "s"}, newest first.` : "";
    summary.hidden = mails.length === 0;
    document.getElementById("no-mail").hidden = mails.length > 0;
  }

  function item(mail) {
    const article = document.createElement("article");
    article.className = "card mail-card";
    article.id = `mail-${mail.id}`;
    article.setAttribute("aria-labelledby", `mail-${mail.id}-subject`);
    const body = document.createElement("div");
    body.className = "card-body";
    const subject = document.createElement("h3");
    subject.className = "h6 card-title mb-1";
    subject.id = `mail-${mail.id}-subject`;
    subject.textContent = mail.subject;
    const when = document.createElement("p");
    when.className = "small text-muted mb-2";
    when.textContent = `Sent on ${mail.sent_date}`;
    const text = document.createElement("p");
    text.className = "mail-text mb-2";
    text.textContent = mail.content;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-outline-danger btn-sm";
    remove.textContent = "Delete";
    remove.setAttribute("aria-label", `Delete the mail ${mail.subject}`);
    const error = document.createElement("p");
    error.className = "text-danger mt-2 mb-0";
    error.setAttribute("role", "alert");
    error.hidden = true;
    remove.addEventListener("click", () => removeMail(mail, remove, error));
    body.append(subject, when, text, remove, error);
    article.append(body);
    return article;
  }

  async function removeMail(mail, button, error) {
    button.disabled = true;
    error.hidden = true;
    try {
      const answer = await HotSox.api("DELETE", `/api/v1/user/mail/${mail.id}/`);
      if (!answer.ok && answer.status !== 404) {
        error.textContent = HotSox.generalMessage(answer.data, answer);
        error.hidden = false;
        button.disabled = false;
        return;
      }
      mails = mails.filter((m) => m.id !== mail.id);
      render();
      say(`The mail “${mail.subject}” was deleted.`);
    } catch (failure) {
      if (failure.status === 401) return;
      error.textContent = failure.message;
      error.hidden = false;
      button.disabled = false;
    }
  }

  HotSox.handle(form, async () => {
    HotSox.clearErrors(form);
    // The form's text field is "message"; the API's is "content".
    const { subject, message } = HotSox.formJson(form);
    const answer = await HotSox.api("POST", "/api/v1/user/mail/", { json: { subject, content: message } });
    if (!answer.ok) {
      const data = answer.data && typeof answer.data === "object" && "content" in answer.data
        ? { ...answer.data, message: answer.data.content } : answer.data;
      if (data && data !== answer.data) delete data.content;
      HotSox.showErrors(form, { ...answer, data });
      return;
    }
    form.reset();
    mails.push(answer.data);
    render();
    say(`The mail “${answer.data.subject}” was sent to you.`);
  });

  (async () => {
    try {
      HotSox.requireSession();
      const answer = await HotSox.api("GET", "/api/v1/user/mail/");
      if (!answer.ok) throw new HotSox.ApiError(HotSox.generalMessage(answer.data, answer), answer.status, answer.data);
      mails = Array.isArray(answer.data) ? answer.data : [];
      render();
      status.hidden = true;
      document.getElementById("content").hidden = false;
    } catch (error) {
      status.hidden = true;
      if (error.status === 401) return;  // on the way to the login page
      pageAlert.textContent = `Your mails could not be loaded: ${error.message}`;
      pageAlert.hidden = false;
    }
  })();
}
