// Shared by the small API pages: send a request, show its status and JSON body.
"use strict";

async function showAnswer(method, url, body) {
  const status = document.getElementById("status");
  const answer = document.getElementById("answer");
  const options = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  status.textContent = `${method} ${url} …`;
  status.className = "text-muted state-loading";
  answer.textContent = "";
  try {
    const response = await fetch(url, options);
    const text = await response.text();
    status.textContent = `${method} ${url} → HTTP ${response.status}`;
    status.className = response.ok ? "text-muted" : "text-danger";
    answer.textContent = text ? pretty(text) : "(empty body)";
  } catch (error) {
    status.textContent = `${method} ${url} failed: the server could not be reached (${error.message})`;
    status.className = "text-danger";
    answer.textContent = "";
  }
}

// JSON indented, anything else as it came.
function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
