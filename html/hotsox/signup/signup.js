// Sign up: POST /api/v1/user/, field errors next to their fields; then log in.
"use strict";

HotSox.fillChoices();
const signupForm = document.getElementById("signup");
HotSox.handle(signupForm, async () => {
  HotSox.clearErrors(signupForm);
  const body = HotSox.formJson(signupForm, { omitBlank: true });
  const answer = await HotSox.api("POST", "/api/v1/user/", { json: body, auth: false });
  if (!answer.ok) {
    HotSox.showErrors(signupForm, answer);
    return;
  }
  location.assign(`/hotsox/login/?registered=${encodeURIComponent(answer.data.username)}`);
});
