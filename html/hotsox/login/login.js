// Log in: POST /api/v1/token/; the tokens are kept in this tab's sessionStorage.
"use strict";

{
  const form = document.getElementById("login");
  const notice = document.getElementById("notice");
  const params = new URLSearchParams(location.search);
  const say = (text, kind = "info") => {
    notice.textContent = text;
    notice.className = `alert alert-${kind}`;
    notice.hidden = false;
  };
  // Only a HotSox page of this site is a place to go back to.
  const next = params.get("next");
  const target = next && /^\/hotsox\/[^/]/.test(next) && !next.startsWith("//") ? next : "/hotsox/profile/";

  // Why the visitor is here: a session that ended is not the same as never
  // having logged in.
  if (params.has("registered")) {
    form.elements.username.value = params.get("registered");
    say(`Your account ${params.get("registered")} was created: log in with your password.`, "success");
    form.elements.password.focus();
  } else if (params.has("expired")) {
    say("Your session has ended: please log in again.", "warning");
  } else if (params.has("loggedout")) {
    say("You are logged out.");
  } else if (next) {
    const label = HotSox.pageLabel(target);
    say(`Log in to see ${label ? `“${label}”` : "that page"}. New here? Sign up first: it takes a minute.`);
  }

  HotSox.handle(form, async () => {
    HotSox.clearErrors(form);
    const answer = await HotSox.logIn(form.elements.username.value.trim(), form.elements.password.value);
    if (!answer.ok) {
      HotSox.showErrors(form, answer);
      return;
    }
    location.assign(target);
  });
}
