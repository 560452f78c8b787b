// PhGen page: the same two calls the original front end made.
"use strict";

const phraseElement = document.getElementById("phrase");
const errorElement = document.getElementById("error");
const buttons = [document.getElementById("refresh"), document.getElementById("change")];

async function call(path, key) {
  buttons.forEach((button) => { button.disabled = true; });
  errorElement.hidden = true;
  try {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
    phraseElement.textContent = body[key];
  } catch (error) {
    errorElement.textContent = `Could not load the phrase: ${error.message}`;
    errorElement.hidden = false;
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
  }
}

document.getElementById("refresh").addEventListener("click", () => call("/api/get-current-phrase", "current_phrase"));
document.getElementById("change").addEventListener("click", () => call("/api/change-current-phrase", "current_new_phrase"));
call("/api/get-current-phrase", "current_phrase");
