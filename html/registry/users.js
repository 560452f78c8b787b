"use strict";

document.getElementById("create").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = new URLSearchParams({
    userid: document.getElementById("create-userid").value,
    username: document.getElementById("create-username").value,
  });
  showAnswer("POST", `/create_user?${query}`);
});

document.getElementById("lookup").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = new URLSearchParams({ userid: document.getElementById("lookup-userid").value });
  showAnswer("GET", `/get_user?${query}`);
});
