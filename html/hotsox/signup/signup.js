// Sign up: POST /api/v1/user/, field errors next to their fields; then log in.
"use strict";

HotSox.fillChoices();
const signupForm = document.getElementById("signup");

// The password rule is shown before anyone can fail it, and counts down as
// the password is typed (the API checks it again: at least 8 characters).
const MIN_PASSWORD_LENGTH = 8;
const passwordRule = document.getElementById("password-rule");
signupForm.elements.password.addEventListener("input", (event) => {
  const missing = MIN_PASSWORD_LENGTH - event.target.value.length;
  passwordRule.textContent = missing > 0
    ? `At least ${MIN_PASSWORD_LENGTH} characters: ${missing} more to go.`
    : `At least ${MIN_PASSWORD_LENGTH} characters: long enough.`;
  passwordRule.classList.toggle("text-success", missing <= 0);
});
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
