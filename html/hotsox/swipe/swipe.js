// Swipe: choose one of my socks (GET /api/v1/user/socks/, every page), see
// the next sock for it (GET /api/v1/user/swipe/<mine>/next) and like or
// dislike it (POST /api/v1/user/swipe/<mine>/judge/<other>?like=…).
"use strict";

{
  const status = document.getElementById("status");
  const pageAlert = document.getElementById("page-alert");
  const choose = document.getElementById("choose");
  const select = document.getElementById("my-sock");
  const verdict = document.getElementById("verdict");
  const judgeAlert = document.getElementById("judge-alert");
  const noMore = document.getElementById("no-more");
  const candidate = document.getElementById("candidate");
  const likeButton = document.getElementById("like");
  const dislikeButton = document.getElementById("dislike");
  let mine = [];         // my socks
  let current = null;    // the sock on show
  let loading = 0;       // which load is the latest (a newer choice wins)

  function fail(error) {
    if (error.status === 401) return;  // on the way to the login page
    pageAlert.textContent = error.message;
    pageAlert.hidden = false;
  }

  function answerError(answer) {
    return new HotSox.ApiError(HotSox.generalMessage(answer.data, answer), answer.status, answer.data);
  }

  // Every one of my socks, page after page.
  async function loadMine() {
    const socks = [];
    for (let page = 1; page <= 100; page += 1) {
      const answer = await HotSox.api("GET", `/api/v1/user/socks/?page=${page}`);
      if (answer.status === 404 && page > 1) break;
      if (!answer.ok) throw answerError(answer);
      socks.push(...answer.data.results);
      if (!answer.data.next) break;
    }
    return socks;
  }

  function showVerdict(parts, kind) {
    verdict.className = `alert alert-${kind}`;
    verdict.replaceChildren(...parts);
    verdict.hidden = false;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.className = "alert-link";
    a.textContent = text;
    return a;
  }

  function showCandidate(sock) {
    current = sock;
    candidate.dataset.sockId = String(sock.id);
    const pictures = document.getElementById("candidate-pictures");
    pictures.replaceChildren(...(sock.profile_picture || []).map((picture, index) => {
      const img = document.createElement("img");
      img.src = picture.profile_picture;
      img.alt = `Picture ${index + 1} of ${sock.info_name}`;
      img.className = index === 0 ? "candidate-main" : "candidate-thumb img-thumbnail";
      // A picture whose file is gone: say so instead of a broken image.
      img.addEventListener("error", () => {
        const missing = document.createElement("p");
        missing.className = `${img.className} picture-missing text-muted small`;
        missing.textContent = `Picture ${index + 1} could not be loaded.`;
        img.replaceWith(missing);
      });
      return img;
    }));
    document.getElementById("candidate-name").textContent = sock.info_name;
    document.getElementById("candidate-summary").textContent = HotSox.sockSummary(sock);
    document.getElementById("candidate-special").textContent = sock.info_special;
    document.getElementById("candidate-facts").replaceChildren(HotSox.sockFacts(sock));
    candidate.querySelector("details").open = false;
    candidate.hidden = false;
    likeButton.disabled = false;
    dislikeButton.disabled = false;
  }

  // The next sock for the chosen one of mine.
  async function loadNext() {
    const load = ++loading;
    const mySock = select.value;
    candidate.hidden = true;
    noMore.hidden = true;
    current = null;
    status.textContent = "Looking for the next sock…";
    status.className = "text-muted state-loading";
    status.hidden = false;
    const answer = await HotSox.api("GET", `/api/v1/user/swipe/${encodeURIComponent(mySock)}/next`);
    if (load !== loading) return;
    status.hidden = true;
    if (answer.ok) {
      showCandidate(answer.data);
    } else if (answer.status === 404 && answer.data && answer.data.error === "no more socks") {
      noMore.hidden = false;
    } else {
      throw answerError(answer);
    }
  }

  async function judge(like) {
    if (!current) return;
    const sock = current;
    likeButton.disabled = true;
    dislikeButton.disabled = true;
    judgeAlert.hidden = true;
    const path = `/api/v1/user/swipe/${encodeURIComponent(select.value)}/judge/${sock.id}?like=${like}`;
    const answer = await HotSox.api("POST", path);
    const data = answer.data || {};
    if (answer.status === 201 && data.match && typeof data.match === "object") {
      const strong = document.createElement("strong");
      strong.textContent = "It's a match! ";
      showVerdict([strong, `You liked ${sock.info_name}, and its owner had liked your ${mineName()}. `,
        link("/hotsox/matches/", "See your matches"), " and say hello in the chat."], "success");
    } else if (answer.status === 201 && like) {
      showVerdict([`You liked ${sock.info_name}. No match yet: its owner has not liked your sock (yet).`], "info");
    } else if (answer.status === 201) {
      showVerdict([`You disliked ${sock.info_name}.`], "secondary");
    } else if (answer.status === 208) {
      showVerdict([`You had already liked ${sock.info_name}.`], "secondary");
    } else {
      // Not judged (say, the sock was deleted meanwhile): say why, show the next one.
      judgeAlert.textContent = HotSox.generalMessage(answer.data, answer);
      judgeAlert.hidden = false;
      if (answer.status !== 404) {
        likeButton.disabled = false;
        dislikeButton.disabled = false;
        return;
      }
    }
    await loadNext();
  }

  function mineName() {
    const sock = mine.find((s) => String(s.id) === select.value);
    return sock ? sock.info_name : "sock";
  }

  function run(action) {
    return action().catch((error) => {
      status.hidden = true;
      fail(error);
    });
  }

  likeButton.addEventListener("click", () => run(() => judge(true)));
  dislikeButton.addEventListener("click", () => run(() => judge(false)));
  select.addEventListener("change", () => {
    verdict.hidden = true;
    judgeAlert.hidden = true;
    pageAlert.hidden = true;
    const url = new URL(location.href);
    url.searchParams.set("sock", select.value);
    history.replaceState(null, "", url);
    run(loadNext);
  });
  choose.addEventListener("submit", (event) => event.preventDefault());

  run(async () => {
    HotSox.requireSession();
    mine = await loadMine();
    status.hidden = true;
    document.getElementById("content").hidden = false;
    if (!mine.length) {
      document.getElementById("no-socks").hidden = false;
      return;
    }
    for (const sock of mine) {
      const pictures = (sock.profile_picture || []).length;
      select.add(new Option(pictures ? sock.info_name : `${sock.info_name} (no picture yet)`, String(sock.id)));
    }
    const wanted = new URLSearchParams(location.search).get("sock");
    if (wanted && mine.some((s) => String(s.id) === wanted)) select.value = wanted;
    choose.hidden = false;
    await loadNext();
  });
}
