// The HotSox home page: where to go, logged in or not (never both).
"use strict";

{
  const current = HotSox.session();
  document.getElementById("guest").hidden = current !== null;
  document.getElementById("member").hidden = current === null;
  const welcome = document.getElementById("welcome");
  if (current) {
    welcome.textContent = `Welcome back, ${current.username}. Where to?`;
    welcome.hidden = false;
  }
  if (new URLSearchParams(location.search).has("deleted")) {
    const notice = document.getElementById("notice");
    notice.textContent = "Your HotSox account has been deleted. We are very sorry to see you go :(";
    notice.hidden = false;
  }
}
