"use strict";

const path = (id) => `/hello/${encodeURIComponent(document.getElementById(id).value)}`;

document.getElementById("save").addEventListener("submit", (event) => {
  event.preventDefault();
  showAnswer("PUT", path("save-username"), { dateOfBirth: document.getElementById("save-date").value });
});

document.getElementById("greet").addEventListener("submit", (event) => {
  event.preventDefault();
  showAnswer("GET", path("greet-username"));
});
