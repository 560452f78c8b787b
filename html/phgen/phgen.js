// PhGen page: the same two calls the original front end made.
"use strict";

const phraseElement = document.getElementById("phrase");
const errorElement = document.getElementById("error");
const emptyElement = document.getElementById("empty");
const buttons = [document.getElementById("refresh"), document.getElementById("change")];

// The answer's JSON, or an error saying what came instead.
async function readJson(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { message: `The server answered HTTP ${response.status}.` };
  }
}

async function call(path, key) {
  buttons.forEach((button) => { button.disabled = true; });
  errorElement.hidden = true;
  phraseElement.setAttribute("aria-busy", "true");
  try {
    let response;
    try {
      response = await fetch(path, { headers: { Accept: "application/json" } });
    } catch (unreachable) {
      throw new Error(`the server could not be reached (${unreachable.message})`);
    }
    const body = await readJson(response);
    // No phrases at all is a state of its own, not a failure.
    emptyElement.hidden = body.error !== "no_phrases";
    if (body.error === "no_phrases") {
      phraseElement.textContent = "—";
      return;
    }
    if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
    phraseElement.textContent = body[key];
  } catch (error) {
    if (phraseElement.textContent === "Loading…") phraseElement.textContent = "—";
    errorElement.textContent = `Could not load the phrase: ${error.message}`;
    errorElement.hidden = false;
  } finally {
    phraseElement.classList.remove("state-loading");
    phraseElement.removeAttribute("aria-busy");
    buttons.forEach((button) => { button.disabled = false; });
  }
}

document.getElementById("refresh").addEventListener("click", () => call("/api/get-current-phrase", "current_phrase"));
document.getElementById("change").addEventListener("click", () => call("/api/change-current-phrase", "current_new_phrase"));
call("/api/get-current-phrase", "current_phrase");
