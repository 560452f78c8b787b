// The HotSox home page: where to go, logged in or not.
"use strict";

{
  const loggedIn = HotSox.session() !== null;
  document.getElementById("guest").hidden = loggedIn;
  document.getElementById("member").hidden = !loggedIn;
  if (new URLSearchParams(location.search).has("deleted")) {
    const notice = document.getElementById("notice");
    notice.textContent = "Your HotSox account has been deleted. We are very sorry to see you go :(";
    notice.hidden = false;
  }
}
