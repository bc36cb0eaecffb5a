/*
 * Renown dashboard: a small single-page app over the JSON API (/api/v1). Pages are hash routes:
 *   #/                          leaderboard (home)
 *   #/leaderboard?network=&topic=&flagged=show|hide|only
 *   #/account/{network}/{id}    profile: score, breakdown, history, evidence, influence, integrity, topics
 *   #/compare?a=net/id&b=net/id two accounts side by side
 *   #/search?q=                 search results
 *   #/people                    persons (accounts linked across networks) by combined score
 *   #/person/{id}               a person: combined score, breakdown by signal and network, linked accounts, history
 *   #/runs?kind=                the daily cycle and the latest runs: status, duration, counts, failures
 *   #/find?topic=&network=&min_score=&audience=&min_conversation=&exclude_flagged=&similar_to=&min_overlap=&limit=
 *                               campaign search: a form with the filters of GET /find, the candidates with why each
 *                               matched, and the shortlist as CSV
 * Every text from the data is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";

  const API = "api/v1";
  const SIGNALS = ["reach", "amplification", "network_impact", "conversation", "outreach"];
  const LABELS = {
    reach: "Reach", amplification: "Amplification", network_impact: "Network impact",
    conversation: "Conversation", outreach: "Outreach"
  };
  /** A score is 1 + the points of its signals, at most 99 (docs/scoring.md, section 5). */
  const FULL_POINTS = 99;
  const COLORS = {
    reach: "#4f46e5", amplification: "#0891b2", network_impact: "#7c3aed",
    conversation: "#ea580c", outreach: "#65a30d"
  };

  const view = document.getElementById("view");
  let overview = null;
  let charts = [];

  // --- tiny DOM helpers --------------------------------------------------------------------------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = v;
        else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : v);
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function fmt(x, digits) {
    if (x === null || x === undefined || Number.isNaN(x)) return "–";
    return Number(x).toLocaleString("en-US", { maximumFractionDigits: digits ?? 1, minimumFractionDigits: digits ?? 1 });
  }

  function int(x) {
    return x === null || x === undefined ? "–" : Number(x).toLocaleString("en-US");
  }

  function accountHref(a) {
    return "#/account/" + encodeURIComponent(a.network) + "/" + encodeURIComponent(a.id);
  }

  function name(a) {
    if (a.handle) return "@" + a.handle;
    return a.display_name || a.id;
  }

  function accountLink(a, cls) {
    return h("a", { href: accountHref(a), class: cls || "acct", title: a.network + ":" + a.id }, name(a));
  }

  const PLURAL = { reply: "replies" };

  /** The mark of an account the integrity defences flagged (docs/scoring.md, section 4a). */
  function flagMark() {
    return h("span", { class: "flag", title: "Flagged by the integrity defences: enough of its engagers were discounted to take points from its score. Open the account for the evidence." }, "flagged");
  }

  /** "2012-07-07 23:01 UTC" from an ISO instant. */
  function when(iso) {
    return iso.replace("T", " ").slice(0, 16) + " UTC";
  }

  function kinds(counts) {
    return Object.entries(counts || {}).map(([k, n]) => n + " " + (n === 1 ? k : PLURAL[k] || k + "s")).join(", ");
  }

  /** "better than 99.99%": never rounds up to 100. */
  function pct(p) {
    return p >= 99 ? Math.min(99.99, Math.floor(p * 100) / 100).toFixed(2) : fmt(p);
  }

  function bar(kind, fraction) {
    const fill = h("i", { class: kind });
    requestAnimationFrame(() => { fill.style.width = Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + "%"; });
    return h("div", { class: "bar", role: "presentation" }, fill);
  }

  function mini(points) {
    const el = h("div", { class: "mini", title: SIGNALS.map(s => LABELS[s] + " " + fmt(points[s] || 0, 2)).join(" · ") });
    for (const s of SIGNALS) {
      const p = points[s] || 0;
      if (p <= 0) continue;
      const i = h("i", { class: s });
      i.style.width = (Math.min(p, FULL_POINTS) / FULL_POINTS * 100).toFixed(1) + "%";
      el.append(i);
    }
    return el;
  }

  function legend() {
    return h("div", { class: "legend" }, SIGNALS.map(s => h("span", { class: s }, LABELS[s])));
  }

  /** A server started with --protect-reads needs the API token for reads; kept for this tab only. */
  function token() {
    try { return sessionStorage.getItem("renown.token"); } catch (e) { return null; }
  }

  /** A write with the API token of this tab (asked for on the page that writes). */
  async function apiPost(path) {
    const headers = { "Accept": "application/json" };
    if (token()) headers["Authorization"] = "Bearer " + token();
    const res = await fetch(API + path, { method: "POST", headers });
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const err = new Error(body && body.message ? body.message : res.status + " " + res.statusText);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  async function api(path) {
    const headers = { "Accept": "application/json" };
    if (token()) headers["Authorization"] = "Bearer " + token();
    const res = await fetch(API + path, { headers });
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const err = new Error(body && body.message ? body.message : res.status + " " + res.statusText);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function show(...nodes) {
    charts.forEach(c => c.destroy());
    charts = [];
    view.replaceChildren(...nodes.filter(n => n !== null && n !== undefined));
  }

  function failure(e) {
    if (e.status === 401) return tokenForm(e.message);
    return h("div", { class: "error", role: "alert" }, h("strong", null, e.status === 404 ? "Not found. " : "Something went wrong. "), e.message);
  }

  function tokenForm(message) {
    const input = h("input", { type: "password", id: "token-input", placeholder: "API token", "aria-label": "API token", autocomplete: "off" });
    const form = h("form", { class: "compare-pick", id: "token-form" }, input, h("button", { class: "button primary", type: "submit" }, "Open"));
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      try { sessionStorage.setItem("renown.token", input.value.trim()); } catch (e) { /* private mode */ }
      overview = null;
      loadOverview().catch(() => {}).finally(route);
    });
    return h("div", { class: "card" }, h("h2", null, "This server needs an API token to read"),
      h("p", { class: "muted small" }, message + ". The token stays in this tab only."), form);
  }

  function activeNav(which) {
    document.querySelectorAll(".nav a").forEach(a => a.classList.toggle("active", a.id === "nav-" + which));
  }

  // --- router ------------------------------------------------------------------------------------

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const q = raw.indexOf("?");
    const path = (q < 0 ? raw : raw.slice(0, q)).split("/").filter(Boolean).map(decodeURIComponent);
    const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    return { path, params };
  }

  async function route() {
    const { path, params } = parseHash();
    window.scrollTo(0, 0);
    try {
      if (path[0] === "account" && path.length >= 3) {
        activeNav("");
        await profilePage(path[1], path.slice(2).join("/"));
      } else if (path[0] === "compare") {
        activeNav("compare");
        await comparePage(params.get("a"), params.get("b"));
      } else if (path[0] === "people") {
        activeNav("people");
        await peoplePage();
      } else if (path[0] === "person" && path.length >= 2) {
        activeNav("people");
        await personPage(path.slice(1).join("/"));
      } else if (path[0] === "runs") {
        activeNav("runs");
        await runsPage(params.get("kind") || "");
      } else if (path[0] === "find") {
        activeNav("find");
        await findPage(params);
      } else if (path[0] === "search") {
        activeNav("");
        await searchPage(params.get("q") || "");
      } else {
        activeNav("leaderboard");
        await leaderboardPage(params.get("network") || "", params.get("topic") || "", params.get("flagged") || "show");
      }
    } catch (e) {
      show(failure(e));
    }
  }

  // --- leaderboard -------------------------------------------------------------------------------

  async function leaderboardPage(network, topic, flagged) {
    const ov = await loadOverview();
    const networkSelect = h("select", { id: "filter-network", "aria-label": "Network" },
      h("option", { value: "" }, "All networks"),
      Object.entries(ov.networks).map(([n, c]) => h("option", { value: n, selected: n === network }, n + " (" + int(c) + ")")));
    const topicSelect = h("select", { id: "filter-topic", "aria-label": "Topic", disabled: ov.topics.length === 0 },
      h("option", { value: "" }, ov.topics.length ? "All topics" : "No topics in this data"),
      ov.topics.map(t => h("option", { value: t, selected: t === topic }, "#" + t)));
    const flaggedSelect = h("select", { id: "filter-flagged", "aria-label": "Flagged accounts" },
      [["show", "Show flagged"], ["hide", "Hide flagged"], ["only", "Only flagged"]].map(([v, label]) =>
        h("option", { value: v, selected: v === flagged }, label)));
    const apply = () => {
      const p = new URLSearchParams();
      if (networkSelect.value) p.set("network", networkSelect.value);
      if (topicSelect.value) p.set("topic", topicSelect.value);
      if (flaggedSelect.value !== "show") p.set("flagged", flaggedSelect.value);
      location.hash = "#/leaderboard" + (p.toString() ? "?" + p : "");
    };
    networkSelect.addEventListener("change", apply);
    topicSelect.addEventListener("change", apply);
    flaggedSelect.addEventListener("change", apply);

    const body = h("tbody");
    const table = h("table", { id: "leaderboard-table" },
      h("thead", null, h("tr", null,
        h("th", { class: "rank" }, "#"), h("th", null, "Account"), h("th", { class: "hide-phone" }, "Made of"),
        h("th", { class: "num" }, "Score"))),
      body);
    const more = h("button", { class: "button", id: "leaderboard-more", type: "button", hidden: true }, "Show more");
    const count = h("p", { class: "muted small", id: "leaderboard-count" });
    let cursor = null;
    let shown = 0;
    async function page() {
      const p = new URLSearchParams({ limit: "25" });
      if (network) p.set("network", network);
      if (topic) p.set("topic", topic);
      if (flagged !== "show") p.set("flagged", flagged);
      if (cursor) p.set("cursor", cursor);
      const data = await api("/leaderboard?" + p);
      for (const row of data.items) {
        body.append(h("tr", { class: row.flagged ? "flagged" : null },
          h("td", { class: "rank" }, int(row.rank)),
          h("td", null, accountLink(row.account), row.flagged ? flagMark() : null, row.account.display_name && row.account.handle
            ? h("div", { class: "muted small" }, row.account.display_name) : null),
          h("td", { class: "hide-phone" }, row.points ? mini(row.points) : h("span", { class: "muted small" }, "topic score")),
          h("td", { class: "num" }, h("span", { class: "pill" }, fmt(row.score)))));
      }
      shown += data.items.length;
      cursor = data.next_cursor;
      more.hidden = !cursor;
      const of = topic ? " accounts on #" + topic : flagged === "only" ? " flagged accounts"
        : " of " + int(network ? ov.networks[network] : ov.accounts_scored) + " scored accounts";
      count.textContent = shown === 0 ? (flagged === "only" ? "No flagged accounts." : "No accounts to show.")
        : "Showing " + int(shown) + of + (flagged === "hide" ? ", flagged accounts hidden" : "") + ".";
    }
    more.addEventListener("click", () => page().catch(e => view.append(failure(e))));

    show(
      h("section", { class: "hero" },
        h("h1", null, topic ? "Leaders on #" + topic : "Leaderboard"),
        h("p", null, "Scores as of " + (ov.as_of || "—") + ". Every score is explained: open an account to see what it is made of.")),
      h("div", { class: "card" },
        h("div", { class: "filters" },
          h("label", null, "Network", networkSelect),
          h("label", null, "Topic", topicSelect),
          h("label", null, "Flagged", flaggedSelect)),
        table, count, more, legend()),
      topic ? trendCard(topic) : null);
    await page();
  }

  /** A topic's stored days (GET /topics/{topic}): accounts scored on it and the best score, latest first. */
  function trendCard(topic) {
    const card = h("section", { class: "card", id: "topic-trend" }, h("h2", null, "Trend of #" + topic),
      h("p", { class: "muted small" }, "Per stored day: how many accounts scored on the topic, and the best score among them."));
    api("/topics/" + encodeURIComponent(topic)).then(data => {
      const rows = data.days.slice(-30).reverse();
      card.append(h("table", { id: "trend-table" },
        h("thead", null, h("tr", null, h("th", null, "Day"), h("th", { class: "num" }, "Accounts"), h("th", { class: "num" }, "Top score"))),
        h("tbody", null, rows.map(d => h("tr", null, h("td", null, d.day), h("td", { class: "num" }, int(d.accounts)),
          h("td", { class: "num" }, fmt(d.top_score)))))),
        h("p", { class: "small" }, data.searchable
          ? h("a", { href: "#/find?topic=" + encodeURIComponent(topic), id: "trend-find" }, "Find candidates on #" + topic + " →")
          : h("span", { class: "muted" }, "Not searchable on the served day.")));
    }).catch(e => card.append(h("p", { class: "empty" }, e.message)));
    return card;
  }

  // --- campaign search -----------------------------------------------------------------------------

  /** The query string of GET /find for the filters in the page's hash (blank ones left out). */
  const FIND_PARAMS = ["topic", "network", "min_score", "audience", "min_conversation", "exclude_flagged", "min_overlap", "limit"];

  function findQuery(params) {
    const p = new URLSearchParams();
    for (const k of FIND_PARAMS) {
      const v = params.get(k);
      if (v !== null && v !== "") p.set(k, v);
    }
    for (const seed of params.getAll("similar_to")) if (seed) p.append("similar_to", seed);
    return p;
  }

  async function findPage(params) {
    const ov = await loadOverview();
    const topic = (params.get("topic") || "").replace(/^#/, "");
    const known = ov.topics.includes(topic.toLowerCase());
    const topicSelect = h("select", { id: "find-topic", "aria-label": "Topic" },
      h("option", { value: "" }, ov.topics.length ? "Overall score (no topic)" : "Overall score (no topics in this data)"),
      ov.topics.map(t => h("option", { value: t, selected: known && t === topic.toLowerCase() }, "#" + t)));
    const topicText = h("input", { id: "find-topic-text", type: "text", maxlength: "200", placeholder: "or type a topic",
      "aria-label": "Other topic", value: known ? "" : topic });
    const networkSelect = h("select", { id: "find-network", "aria-label": "Network" },
      h("option", { value: "" }, "All networks"),
      Object.keys(ov.networks).map(n => h("option", { value: n, selected: n === params.get("network") }, n)));
    const num = (id, label, attrs, value) => h("input", Object.assign({ id, type: "number", "aria-label": label, value: value || "" }, attrs));
    const [audMin, audMax] = (params.get("audience") || "-").split("-");
    const minScore = num("find-min-score", "Minimum score", { min: "0", max: "100", step: "any", placeholder: "0" }, params.get("min_score"));
    const audienceMin = num("find-audience-min", "Audience from", { min: "0", step: "1", placeholder: "0" }, audMin);
    const audienceMax = num("find-audience-max", "Audience to", { min: "0", step: "1", placeholder: "any" }, audMax);
    const minConversation = num("find-min-conversation", "Minimum conversation rate", { min: "0", max: "1", step: "any", placeholder: "0" },
      params.get("min_conversation"));
    const excludeFlagged = h("input", { id: "find-exclude-flagged", type: "checkbox", checked: params.get("exclude_flagged") === "true" });
    const similarTo = h("input", { id: "find-similar-to", type: "text", placeholder: "network:id or @handle, comma-separated",
      "aria-label": "Similar to", value: params.getAll("similar_to").join(", ") });
    const minOverlap = num("find-min-overlap", "Minimum overlap", { min: "0", max: "1", step: "any", placeholder: "0" }, params.get("min_overlap"));
    const limit = num("find-limit", "Results", { min: "1", max: "100", step: "1", placeholder: "20" }, params.get("limit"));
    const form = h("form", { id: "find-form", class: "filters find-form" },
      h("label", null, "Topic", topicSelect), h("label", null, "Other topic", topicText),
      h("label", null, "Network", networkSelect), h("label", null, "Min score", minScore),
      h("label", null, "Audience from", audienceMin), h("label", null, "Audience to", audienceMax),
      h("label", null, "Min conversation", minConversation),
      h("label", { class: "check" }, h("span", null, "Exclude flagged"), excludeFlagged),
      h("label", { class: "wide" }, "Similar to", similarTo), h("label", null, "Min overlap", minOverlap),
      h("label", null, "Results", limit),
      h("button", { class: "button primary", type: "submit", id: "find-submit" }, "Search"));
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      const p = new URLSearchParams();
      const t = topicText.value.trim() || topicSelect.value;
      if (t) p.set("topic", t);
      if (networkSelect.value) p.set("network", networkSelect.value);
      if (minScore.value) p.set("min_score", minScore.value);
      if (audienceMin.value || audienceMax.value) p.set("audience", audienceMin.value + "-" + audienceMax.value);
      if (minConversation.value) p.set("min_conversation", minConversation.value);
      if (excludeFlagged.checked) p.set("exclude_flagged", "true");
      similarTo.value.split(/[,\s]+/).map(x => x.trim()).filter(Boolean).forEach(x => p.append("similar_to", x));
      if (minOverlap.value) p.set("min_overlap", minOverlap.value);
      if (limit.value) p.set("limit", limit.value);
      location.hash = "#/find" + (p.toString() ? "?" + p : "");
    });

    const results = h("div", { id: "find-results" });
    show(
      h("section", { class: "hero" }, h("h1", null, "Find people to work with"),
        h("p", null, "Candidates ranked by their score on a topic (or overall), each with why it matched: its evidence on the topic, "
          + "conversation rate, audience and integrity. Scores as of " + (ov.as_of || "—") + ".")),
      h("div", { class: "card" }, form, results));

    const query = findQuery(params);
    let data;
    try {
      data = await api("/find?" + query);
    } catch (e) {
      results.append(failure(e));
      return;
    }
    const seeds = query.getAll("similar_to").length > 0;
    const csv = new URLSearchParams(query);
    csv.set("format", "csv");
    const excluded = Object.entries(data.excluded).filter(([, n]) => n > 0).map(([k, n]) => k.replace("_", " ") + " " + int(n));
    results.append(...[
      h("p", { class: "muted small", id: "find-summary" }, int(data.items.length) + " candidate" + (data.items.length === 1 ? "" : "s")
        + " on " + (data.topic ? "#" + data.topic : "the overall score") + (data.fallback ? " (the data carries no topics)" : "")
        + ", from " + int(data.ranked) + " accounts ranked (" + int(data.examined) + " examined). Evidence needed: "
        + data.min_engagers + " engagers on " + data.min_posts + " posts. Excluded: " + (excluded.length ? excluded.join(", ") : "none") + "."),
      h("table", { id: "find-table" },
        h("thead", null, h("tr", null, h("th", { class: "rank" }, "#"), h("th", null, "Account"), h("th", { class: "num" }, "Score"),
          h("th", { class: "num" }, "Rank"), h("th", null, "Evidence"), h("th", { class: "num" }, "Conversation"),
          h("th", null, "Audience"), h("th", null, "Integrity"), seeds ? h("th", { class: "num" }, "Overlap") : null)),
        h("tbody", null, data.items.map(c => h("tr", { class: c.integrity === "flagged" ? "flagged" : null, "data-account": c.account.network + ":" + c.account.id },
          h("td", { class: "rank" }, int(c.position)),
          h("td", null, accountLink(c.account)),
          h("td", { class: "num" }, h("span", { class: "pill" }, fmt(c.score))),
          h("td", { class: "num" }, int(c.rank)),
          h("td", { class: "small" }, int(c.evidence.engagers) + " engagers, " + int(c.evidence.posts) + " posts, "
            + int(c.evidence.interactions) + " engagements"),
          h("td", { class: "num" }, fmt(c.conversation_rate * 100, 0) + "%"),
          h("td", { class: "small" }, int(c.audience) + " " + c.audience_source + " (" + c.audience_band + ")"),
          h("td", null, c.integrity === "flagged" ? flagMark() : "ok"),
          seeds ? h("td", { class: "num" }, fmt(c.overlap * 100, 0) + "% (" + int(c.shared_engagers) + ")") : null)))),
      data.items.length ? null : h("p", { class: "empty" }, "No candidate passes these filters."),
      h("p", null, h("a", { class: "button", id: "find-csv", href: API + "/find?" + csv, download: "" }, "Download CSV"))
    ].filter(Boolean));
  }

  // --- people ------------------------------------------------------------------------------------

  function personHref(id) {
    return "#/person/" + encodeURIComponent(id);
  }

  function styleChip(style, reason) {
    return style ? h("span", { class: "chip style", title: reason || "", "data-style": style }, style) : null;
  }

  /** Points by network as a stacked bar, each network a segment. */
  function networkBar(byNetwork, id) {
    const total = Object.values(byNetwork).reduce((a, b) => a + b, 0) || 1;
    return h("div", { class: "netbar", id: id || null }, Object.entries(byNetwork).map(([n, pts], i) =>
      h("span", { class: "seg seg" + (i % 4), style: null, title: n + ": " + fmt(pts, 2) + " pts", "data-network": n,
        "data-width": String(pts / total) }, n + " " + fmt(pts, 1))));
  }

  function sizeSegments(root) {
    root.querySelectorAll(".netbar .seg").forEach(seg => {
      seg.style.flexGrow = seg.getAttribute("data-width");
    });
  }

  /** Suggested links, each confirmed only by a click with the API token (never applied silently). */
  async function suggestionsCard() {
    const data = await api("/people/suggestions?limit=50");
    const card = h("section", { class: "card", id: "suggestions" }, h("h2", null, "Suggested links"),
      h("p", { class: "muted small" }, "Accounts whose profiles suggest they are one person, strongest evidence first: a Mastodon "
        + "field verified with rel=\"me\" (rel-me), a Bluesky domain handle named on another profile (domain), the same handle "
        + "on two networks (handle, the weakest). Nothing is linked until you confirm it."));
    if (!data.items.length) {
      card.append(h("p", { class: "empty", id: "suggestions-empty" }, "No suggestion" + (data.already_linked
        ? ": " + int(data.already_linked) + " pairs with evidence are linked already." : ".")));
      return card;
    }
    const tokenInput = h("input", { type: "password", id: "suggest-token", placeholder: "API token to confirm",
      "aria-label": "API token", autocomplete: "off", value: token() || "" });
    const status = h("p", { class: "small", id: "suggest-status", role: "status" });
    const list = h("ul", { class: "list", id: "suggestions-list" });
    for (const s of data.items) {
      const button = h("button", { class: "button", type: "button", "data-suggestion": s.id }, "Confirm");
      button.addEventListener("click", async () => {
        if (tokenInput.value.trim()) {
          try { sessionStorage.setItem("renown.token", tokenInput.value.trim()); } catch (e) { /* private mode */ }
        }
        button.disabled = true;
        try {
          const person = await apiPost("/people/suggestions/" + encodeURIComponent(s.id) + "/confirm");
          status.className = "small ok";
          status.replaceChildren("Linked into ", h("a", { href: personHref(person.person) }, person.person), ".");
          li.remove();
        } catch (e) {
          button.disabled = false;
          status.className = "small error";
          status.textContent = e.status === 401 ? "Confirming needs the API token: " + e.message : e.message;
        }
      });
      const li = h("li", { "data-suggestion": s.id },
        h("div", null, h("span", { class: "chip style" }, s.evidence), " ",
          s.accounts.map((a, i) => [i ? " + " : "", accountLink(a), h("span", { class: "muted small" }, " " + a.network)]),
          " → ", h("b", null, s.person),
          h("div", { class: "muted small" }, s.reasons.join("; "))),
        button);
      list.append(li);
    }
    card.append(h("div", { class: "filters" }, h("label", null, "API token", tokenInput)), list, status);
    return card;
  }

  async function peoplePage() {
    const data = await api("/people?limit=100");
    const suggestions = await suggestionsCard();
    const body = h("tbody");
    for (const p of data.items) {
      body.append(h("tr", null,
        h("td", { class: "rank" }, int(p.rank)),
        h("td", null, h("a", { href: personHref(p.person) }, p.person), " ", styleChip(p.style),
          h("div", { class: "muted small" }, p.accounts.map(a => a.network + ":" + (a.handle || a.id)).join(" · "))),
        h("td", { class: "hide-phone" }, networkBar(p.networks)),
        h("td", { class: "num" }, h("span", { class: "pill" }, fmt(p.score)))));
    }
    const table = h("table", { id: "people-table" },
      h("thead", null, h("tr", null, h("th", { class: "rank" }, "#"), h("th", null, "Person"),
        h("th", { class: "hide-phone" }, "Points by network"), h("th", { class: "num" }, "Score"))), body);
    show(
      h("section", { class: "hero" }, h("h1", null, "People"),
        h("p", null, "A person links accounts on several networks and is scored as one account: an engager of two of its "
          + "accounts counts once, engagement among its own accounts counts for nothing, and the integrity defences see it whole. "
          + "Scores as of " + (data.as_of || "—") + ".")),
      h("div", { class: "card" }, data.items.length ? table : h("p", { class: "empty", id: "people-empty" },
        "No person is linked yet: renown people import people.csv, or PUT /api/v1/people/{id} with the API token."),
        h("p", { class: "muted small" }, int(data.persons) + " persons scored.")), suggestions);
    sizeSegments(view);
  }

  async function personPage(id) {
    const base = "/people/" + encodeURIComponent(id);
    const [p, history] = await Promise.all([api(base), api(base + "/history")]);
    document.title = p.person + " · Renown";
    const ring = h("div", { class: "ring", id: "score-ring" },
      h("div", { class: "inner" }, h("div", null,
        h("div", { class: "score-value", id: "person-score" }, p.scored ? fmt(p.score) : "–"),
        h("div", { class: "score-label" }, "Combined score"))));
    ring.style.setProperty("--p", String(p.score || 0));
    const head = h("section", { class: "card span-12 profile", id: "person-profile" },
      h("div", { class: "scorebox" }, ring),
      h("div", { class: "who" },
        h("h1", { id: "person-name" }, p.person, " ", styleChip(p.style, p.style_reason)),
        h("div", { class: "sub" }, int(p.accounts.length) + " linked accounts on "
          + [...new Set(p.accounts.map(a => a.account.network))].join(", ")),
        h("div", { class: "facts" },
          h("div", { class: "fact" }, h("b", { id: "person-rank" }, p.rank ? "#" + int(p.rank) : "–"), h("span", null, "of " + int(p.persons) + " persons")),
          h("div", { class: "fact" }, h("b", null, p.as_of || "–"), h("span", null, "as of"))),
        p.style_reason ? h("p", { class: "muted small", id: "person-style-reason" }, "Style: " + p.style_reason) : null),
      h("div", { class: "actions" },
        h("a", { class: "button", href: "#/compare?a=" + encodeURIComponent("person:" + p.person) }, "Compare")));

    const accounts = h("section", { class: "card span-12", id: "person-accounts" }, h("h2", null, "Linked accounts"),
      h("table", null,
        h("thead", null, h("tr", null, h("th", null, "Account"), h("th", null, "Style"), h("th", { class: "num" }, "Own rank"),
          h("th", { class: "num" }, "Own score"), h("th", { class: "hide-phone" }, "Linked by"))),
        h("tbody", null, p.accounts.map(a => h("tr", { "data-account": a.account.network + ":" + a.account.id },
          h("td", null, accountLink(a.account), h("div", { class: "muted small" }, a.account.network)),
          h("td", null, styleChip(a.style)),
          h("td", { class: "num" }, a.scored ? "#" + int(a.rank) : "–"),
          h("td", { class: "num" }, a.scored ? h("span", { class: "pill" }, fmt(a.score)) : h("span", { class: "muted small" }, "not scored")),
          h("td", { class: "hide-phone small" }, a.linked_by + " · " + when(a.linked_at)))))));

    const cards = [head];
    if (p.scored) {
      const breakdown = h("section", { class: "card span-5", id: "person-breakdown" }, h("h2", null, "What the score is made of"));
      for (const s of SIGNALS) {
        const sig = p.signals[s];
        const off = sig.weight === 0;
        breakdown.append(h("div", { class: "signal" + (off ? " off" : ""), "data-signal": s },
          h("div", { class: "row" }, h("span", { class: "name" }, LABELS[s]),
            h("span", { class: "muted small" }, off ? "weight 0 · not counted" : fmt(sig.points, 2) + " pts · weight " + fmt(sig.weight, 3))),
          bar(s, sig.points / FULL_POINTS),
          h("div", { class: "muted small" }, fmt(sig.value, 2) + " " + sig.unit + " · " + int(sig.parties) + " other accounts or persons")));
      }
      breakdown.append(h("h3", null, "By network"), networkBar(p.points_by_network, "person-networks"),
        h("p", { class: "muted small", id: "person-networks-sum" }, "Score = 1 + "
          + Object.entries(p.points_by_network).map(([n, pts]) => fmt(pts, 2) + " (" + n + ")").join(" + ")
          + " = " + fmt(p.score) + "."));
      const chartBox = h("div", { class: "chart", id: "history-chart" });
      const chartNote = h("p", { class: "muted small", id: "history-note" });
      const integrity = p.integrity ? h("p", { id: "person-integrity" }, "Across its accounts: " + int(p.integrity.engagers)
        + " engagers, " + int(p.integrity.discounted) + " discounted by the defences (" + fmt(p.integrity.points_lost, 2)
        + " points)" + (p.integrity.flagged ? ": flagged." : ".")) : null;
      cards.push(breakdown, h("section", { class: "card span-7" }, h("h2", null, "Combined score history"), chartBox,
        chartNote, integrity), accounts);
      show(h("div", { class: "grid" }, cards));
      sizeSegments(view);
      drawHistory(chartBox, chartNote, [{ label: p.person, days: history.days }]);
    } else {
      cards.push(h("section", { class: "card span-12" }, h("p", { class: "empty" },
        "None of this person's accounts is scored on " + (p.as_of || "the served day") + ".")), accounts);
      show(h("div", { class: "grid" }, cards));
    }
  }

  // --- runs --------------------------------------------------------------------------------------

  const RUN_KINDS = ["daily", "ingest", "backfill", "recompute", "import", "follow", "api-ingest"];

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    if (seconds < 60) return fmt(seconds, 1) + " s";
    if (seconds < 3600) return fmt(seconds / 60, 1) + " min";
    return fmt(seconds / 3600, 1) + " h";
  }

  async function runsPage(kind) {
    const data = await api("/runs?limit=100" + (kind ? "&kind=" + encodeURIComponent(kind) : ""));
    const kindSelect = h("select", { id: "filter-kind", "aria-label": "Kind of run" },
      h("option", { value: "" }, "All kinds"),
      RUN_KINDS.map(k => h("option", { value: k, selected: k === kind }, k)));
    kindSelect.addEventListener("change", () => {
      location.hash = "#/runs" + (kindSelect.value ? "?kind=" + encodeURIComponent(kindSelect.value) : "");
    });
    const d = data.daily;
    const failed = d && d.last_status === "failed";
    const daily = d
      ? h("div", { class: "card", id: "daily-status" },
          h("h2", null, "Daily cycle"),
          h("p", null, "Each day is scored at " + d.at + " UTC; after a stop, up to " + int(d.catch_up_days)
            + " missed days are scored first. Scores served: " + (d.scores_as_of || "none yet") + "."),
          h("p", { class: failed ? "error" : "muted small", role: failed ? "alert" : null },
            failed ? "The latest daily run failed; the scores of the last good day are still served. See below why."
              : "Last success: " + (d.last_success ? when(d.last_success) : "none yet") + "."))
      : h("div", { class: "card", id: "daily-status" }, h("p", { class: "muted small" },
          "This server does not run the daily cycle (start it with renown serve --daily, or run renown run-daily from cron)."));
    const body = h("tbody");
    for (const r of data.items) {
      body.append(h("tr", { class: "run-" + r.status },
        h("td", { class: "num" }, int(r.id)),
        h("td", null, r.kind),
        h("td", null, h("span", { class: "status " + r.status }, r.status)),
        h("td", null, r.day || r.input || ""),
        h("td", { class: "hide-phone" }, when(r.started_at)),
        h("td", { class: "num" }, duration(r.seconds)),
        h("td", { class: "num hide-phone" }, int(r.accounts)),
        h("td", { class: "num hide-phone" }, int(r.interactions)),
        h("td", { class: "small" }, r.summary || "")));
    }
    show(
      h("section", { class: "hero" }, h("h1", null, "Runs"),
        h("p", null, "What ran on this database, newest first: daily scoring, ingests, backfills, recomputes.")),
      daily,
      h("div", { class: "card" },
        h("div", { class: "filters" }, h("label", null, "Kind", kindSelect)),
        data.items.length
          ? h("table", { id: "runs-table" },
              h("thead", null, h("tr", null, h("th", { class: "num" }, "#"), h("th", null, "Kind"), h("th", null, "Status"),
                h("th", null, "Day or input"), h("th", { class: "hide-phone" }, "Started"), h("th", { class: "num" }, "Took"),
                h("th", { class: "num hide-phone" }, "Accounts"), h("th", { class: "num hide-phone" }, "Interactions"),
                h("th", null, "Summary"))),
              body)
          : h("p", { class: "empty" }, "No runs recorded" + (kind ? " of this kind." : "."))));
  }

  // --- profile -----------------------------------------------------------------------------------

  async function profilePage(network, id) {
    const base = "/accounts/" + encodeURIComponent(network) + "/" + encodeURIComponent(id);
    const [account, score, explain, influence, history, topics, integrity] = await Promise.all([
      api(base), api(base + "/score"), api(base + "/explain?limit=5"), api(base + "/influence?limit=8"),
      api(base + "/history"), api(base + "/topics"), api(base + "/integrity?limit=10")
    ]);
    document.title = name(account) + " · Renown";

    const ring = h("div", { class: "ring", id: "score-ring" },
      h("div", { class: "inner" }, h("div", null,
        h("div", { class: "score-value", id: "score-value" }, fmt(score.score)),
        h("div", { class: "score-label" }, "Renown score"))));
    ring.style.setProperty("--p", String(score.score));
    const deltas = h("div", { class: "deltas", id: "score-deltas" },
      [["day", "1 day"], ["week", "7 days"], ["month", "30 days"]].map(([k, label]) => {
        const d = score.delta[k];
        const cls = d === null ? "chip" : d > 0.05 ? "chip up" : d < -0.05 ? "chip down" : "chip";
        const sign = d === null ? "" : d > 0.05 ? "▲ +" : d < -0.05 ? "▼ " : "";
        return h("span", { class: cls, title: "change over " + label }, label + ": " + (d === null ? "no data" : sign + fmt(d)));
      }));
    const integrityCard = integrityPanel(integrity);
    const flagBadge = integrity.flagged
      ? h("button", { class: "flag-badge", id: "profile-flag", type: "button", title: "See the integrity evidence",
        onclick: () => integrityCard.scrollIntoView({ behavior: "smooth", block: "start" }) },
      "⚑ Flagged · −" + fmt(integrity.points_lost) + " pts")
      : null;
    const head = h("section", { class: "card span-12 profile", id: "profile" },
      h("div", { class: "scorebox" }, ring, flagBadge),
      h("div", { class: "who" },
        h("h1", { id: "profile-name" }, name(account)),
        h("div", { class: "sub" }, [account.display_name && account.handle ? account.display_name + " · " : "",
          account.network + ":" + account.id]),
        h("div", { class: "facts" },
          h("div", { class: "fact" }, h("b", { id: "profile-rank" }, "#" + int(score.rank)), h("span", null, "of " + int(score.accounts))),
          h("div", { class: "fact" }, h("b", null, "top " + topShare(score.rank, score.accounts)), h("span", null, "percentile " + pct(score.percentile))),
          account.followers !== null ? h("div", { class: "fact" }, h("b", null, int(account.followers)), h("span", null, "followers")) : null,
          h("div", { class: "fact" }, h("b", null, score.as_of), h("span", null, "as of"))),
        deltas,
        score.style ? h("p", { class: "muted small", id: "profile-style" }, styleChip(score.style, score.style_reason), " ",
          score.style_reason) : null,
        score.person ? h("p", { id: "profile-person" }, "Part of the person ", h("a", { href: personHref(score.person) }, score.person),
          ", with accounts on other networks.") : null,
        integrity.flagged ? h("p", { class: "flagnote", id: "profile-flag-note" },
          "The integrity defences took " + fmt(integrity.points_lost) + " points from this account: it would score "
          + fmt(integrity.score_without_defences) + " if all " + int(integrity.engagers) + " of its engagers counted in full. "
          + int(integrity.discounted) + " of them were discounted; the evidence is below.") : null),
      h("div", { class: "actions" },
        h("a", { class: "button", id: "compare-link", href: "#/compare?a=" + encodeURIComponent(network + "/" + id) }, "Compare")));

    const breakdown = h("section", { class: "card span-5", id: "breakdown" }, h("h2", null, "What the score is made of"));
    for (const s of SIGNALS) {
      const sig = score.signals[s];
      if (!sig) continue;
      const off = sig.weight === 0;
      breakdown.append(h("div", { class: "signal" + (off ? " off" : ""), "data-signal": s },
        h("div", { class: "row" }, h("span", { class: "name" }, LABELS[s]),
          h("span", { class: "muted small" }, off ? "weight 0 · not counted" : fmt(sig.points, 2) + " pts · weight " + fmt(sig.weight, 3))),
        bar(s, sig.points / FULL_POINTS),
        h("div", { class: "muted small" }, fmt(sig.value, 2) + " " + sig.unit + " · better than " + pct(sig.percentile) + "% of accounts")));
    }
    const counted = SIGNALS.filter(s => score.signals[s] && score.signals[s].weight > 0);
    breakdown.append(h("p", { class: "muted small", id: "breakdown-sum" },
      "Score = 1 + " + counted.map(s => fmt(score.signals[s].points, 2)).join(" + ") + " points = " + fmt(score.score)
      + ". Each signal counts w · log₂(1 + value); the score saturates at 100."));

    const chartBox = h("div", { class: "chart", id: "history-chart" });
    const chartNote = h("p", { class: "muted small", id: "history-note" });
    const chartCard = h("section", { class: "card span-7" }, h("h2", null, "Score history"), chartBox, chartNote);

    const evidence = h("section", { class: "card span-7", id: "explanation" }, h("h2", null, "Why: the evidence"));
    for (const s of SIGNALS) {
      const sig = explain.signals[s];
      if (!sig || sig.weight === 0) continue;
      const rows = (sig.top || []).map(t => h("li", null,
        h("div", { class: "who2" }, accountLink(t.account), " ", h("span", { class: "kinds" }, kinds(t.interactions))),
        h("span", { class: "muted small", title: "contribution to the signal" }, "+" + fmt(t.amount, 2))));
      evidence.append(h("div", { class: "evidence", "data-signal": s },
        h("h3", null, LABELS[s]),
        h("p", null, sig.summary),
        rows.length ? h("ul", { class: "list" }, rows) : h("p", { class: "empty" }, "No interactions behind this signal.")));
    }
    const moments = explain.moments || [];
    evidence.append(h("h3", null, "Top moments"),
      moments.length ? h("ul", { class: "list", id: "moments" }, moments.map(m => h("li", null,
        h("span", null, m.post_id ? "Post " + m.post_id : "Busiest hour", " ", h("span", { class: "kinds" }, kinds(m.interactions))),
        h("span", { class: "muted small" }, int(m.engagers) + " accounts · " + m.start.replace("T", " ").slice(0, 16) + " UTC"))))
        : h("p", { class: "empty" }, "No moments in the window."));

    const influenceCard = h("section", { class: "card span-5", id: "influence" },
      h("h2", null, "Influence"),
      h("h3", null, "Influenced by"),
      links(influence.influencers, "influencers", "This account engaged with nobody in the window."),
      h("h3", null, "Influences"),
      links(influence.influencees, "influencees", "Nobody engaged with this account in the window."));

    const topicCard = h("section", { class: "card span-12", id: "topics" }, h("h2", null, "Influential about"),
      topics.topics.length
        ? h("div", { class: "topics" }, topics.topics.map(t => h("a", { class: "chip", href: "#/leaderboard?topic=" + encodeURIComponent(t.topic) },
          "#" + t.topic + " · score " + fmt(t.score) + " · rank #" + int(t.rank)
            + (t.engagers === null || t.engagers === undefined ? "" : " · " + int(t.engagers) + " engager" + (t.engagers === 1 ? "" : "s")))))
        : h("p", { class: "empty" }, "No topics: the data has no hashtags, or this account scored on none."));

    // A flagged account shows its evidence first; otherwise the panel sits with the other details.
    show(integrity.flagged
      ? h("div", { class: "grid" }, head, integrityCard, breakdown, chartCard, evidence, influenceCard, topicCard)
      : h("div", { class: "grid" }, head, breakdown, chartCard, evidence, influenceCard, integrityCard, topicCard));
    drawHistory(chartBox, chartNote, [{ label: name(account), days: history.days }]);
  }

  const GROUP_KINDS = {
    "alone": "Alone", "closed-cluster": "Closed cluster", "hub-only": "Hub-only", "devoted": "Devoted"
  };

  /** Integrity: who the engagers are, what the defences discounted and why (docs/scoring.md, 4a). */
  function integrityPanel(x) {
    const card = h("section", { class: "card span-12" + (x.flagged ? " flagged" : ""), id: "integrity" },
      h("h2", null, "Integrity"),
      h("div", { class: "facts" },
        h("div", { class: "fact" }, h("b", { id: "integrity-engagers" }, int(x.engagers)), h("span", null, "engagers")),
        h("div", { class: "fact" }, h("b", { id: "integrity-established" }, int(x.established)), h("span", null, "established")),
        h("div", { class: "fact" }, h("b", { id: "integrity-discounted" }, int(x.discounted)), h("span", null, "discounted")),
        h("div", { class: "fact" }, h("b", { id: "integrity-voices" }, fmt(x.voices)), h("span", null, "voices in all"))),
      h("p", { class: "muted small" },
        "Engagers anchored in the network count in full (established). The others — an account tied to the network only "
        + "through this one, a closed cluster, an account whose only ties are its own engagement of hubs, accounts that "
        + "come back again and again and engage nothing else — form groups, each worth at most one voice; groups that "
        + "arrive with no established engager around them share a few voices per hour of arrival, so a bought burst counts "
        + "as about one voice."));
    const rule = x.flag_thresholds;
    const ruleText = "An account is flagged when at least " + int(rule.discounted) + " of its engagers were discounted and the "
      + "discounts took at least " + fmt(rule.points_lost, 0) + " points.";
    if (x.flagged) {
      card.append(h("div", { class: "flagbox", id: "integrity-flag", role: "note" },
        h("strong", null, "⚑ Flagged. "),
        int(x.discounted) + " engagers were discounted and the defences took " + fmt(x.points_lost) + " points: the score is "
        + fmt(x.score) + ", " + fmt(x.score_without_defences) + " without them. " + ruleText));
    } else {
      card.append(h("p", { id: "integrity-summary" }, x.discounted === 0 && x.points_lost < 0.005
        ? "Every engager counts in full: the defences changed nothing here."
        : "The defences took " + fmt(x.points_lost, 2) + " points (" + fmt(x.score_without_defences) + " without them)"
        + (x.discounted > 0 ? " and discounted " + int(x.discounted) + " engager" + (x.discounted === 1 ? "" : "s") : "")
        + "; not flagged. " + ruleText));
    }
    if (x.groups.length) {
      card.append(h("h3", null, "Evidence: the discounted groups"),
        h("p", { class: "muted small", id: "integrity-groups-note" }, x.groups_total > x.groups.length
          ? "The " + x.groups.length + " with the largest discount of " + int(x.groups_total) + " groups."
          : int(x.groups_total) + " group" + (x.groups_total === 1 ? "" : "s") + ", largest discount first."));
      // Groups found for the same reason share one sentence.
      const byWhy = new Map();
      for (const g of x.groups) {
        if (!byWhy.has(g.why)) byWhy.set(g.why, []);
        byWhy.get(g.why).push(g);
      }
      for (const [why, groups] of byWhy) {
        card.append(h("div", { class: "why" }, h("p", null, why[0].toUpperCase() + why.slice(1) + "."),
          h("ul", { class: "groups" }, groups.map(g => h("li", { class: "group", "data-kind": g.kind },
            h("div", { class: "group-head" },
              h("span", null, h("span", { class: "chip kind" }, GROUP_KINDS[g.kind] || g.kind), " ",
                int(g.members) + (g.members === 1 ? " account" : " accounts") + " · arrived " + when(g.arrived)
                + " · " + (g.vouched ? "vouched for" : "unvouched")),
              h("span", { class: "muted small", title: "voices the whole group counts for, at most 1" },
                "counts as " + fmt(g.counts_as, 3))),
            h("div", { class: "sample" }, g.sample.map(a => accountLink(a)),
              g.members > g.sample.length ? h("span", { class: "muted small" }, "and " + int(g.members - g.sample.length) + " more") : null))))));
      }
    }
    return card;
  }

  function topShare(rank, n) {
    const share = 100 * rank / n;
    return (share < 0.1 ? share.toPrecision(1) : share < 10 ? share.toFixed(1) : share.toFixed(0)) + "%";
  }

  function links(list, id, emptyText) {
    if (!list.length) return h("p", { class: "empty" }, emptyText);
    return h("ul", { class: "list", id }, list.map(l => h("li", null,
      h("div", { class: "who2" }, accountLink(l.account), " ", h("span", { class: "kinds" }, kinds(l.interactions))),
      h("span", { class: "pill" }, fmt(l.score)))));
  }

  function drawHistory(box, note, series) {
    const all = new Set();
    series.forEach(s => s.days.forEach(d => all.add(d.day)));
    const days = [...all].sort();
    if (days.length === 0) {
      box.append(h("p", { class: "empty" }, "No daily snapshots yet: run renown backfill (or POST /api/v1/scores/recompute)."));
      return;
    }
    const xs = days.map(d => Date.parse(d + "T00:00:00Z") / 1000);
    const data = [xs];
    const palette = ["#4f46e5", "#ea580c"];
    const uSeries = [{}];
    series.forEach((s, i) => {
      const byDay = new Map(s.days.map(d => [d.day, d.score]));
      data.push(days.map(d => byDay.has(d) ? byDay.get(d) : null));
      uSeries.push({
        label: s.label, stroke: palette[i % palette.length], width: 2,
        fill: series.length === 1 ? "rgba(79,70,229,.08)" : undefined,
        points: { show: days.length < 40, size: 6 },
        value: (u, v) => v === null ? "–" : v.toFixed(1)
      });
    });
    const width = () => Math.max(260, box.clientWidth || 600);
    const opts = {
      width: width(), height: 240, series: uSeries, tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
      scales: { x: { time: true }, y: { range: (u, min, max) => [Math.max(0, Math.floor(min - 5)), Math.min(100, Math.ceil(max + 5))] } },
      axes: [{ grid: { stroke: "#eef0f4" } }, { grid: { stroke: "#eef0f4" }, size: 40 }],
      legend: { show: true }, cursor: { drag: { x: false, y: false } }
    };
    const chart = new uPlot(opts, data, box);
    charts.push(chart);
    const ro = new ResizeObserver(() => chart.setSize({ width: width(), height: 240 }));
    ro.observe(box);
    const first = series[0].days;
    if (first.length) {
      const last = first[first.length - 1];
      const parts = [["day", "1 day"], ["week", "7 days"], ["month", "30 days"]]
        .filter(([k]) => last.delta && last.delta[k] !== null && last.delta[k] !== undefined)
        .map(([k, l]) => (last.delta[k] >= 0 ? "+" : "") + fmt(last.delta[k]) + " over " + l);
      note.textContent = first.length + " daily snapshot" + (first.length === 1 ? "" : "s") + " from " + first[0].day + " to " + last.day
        + (parts.length ? "; " + parts.join(", ") : "") + ".";
    }
  }

  // --- finding accounts --------------------------------------------------------------------------

  /**
   * Resolves what a person types for an account, as the CLI takes it: network:id or network/id,
   * a bare id (on any network served), or a handle with or without '@'. Exact matches only, in
   * that order; when nothing matches, the error says what was looked for and suggests the best
   * scored accounts that start with it (GET /search).
   */
  async function resolveAccount(text) {
    const t = (text || "").trim();
    if (!t) throw Object.assign(new Error("type an account: network:id, an id, or a handle"), { status: 400 });
    const person = t.match(/^person:(.+)$/);
    if (person) {
      try {
        await api("/people/" + encodeURIComponent(person[1]));
        return { person: person[1] };
      } catch (e) {
        if (e.status !== 404 && e.status !== 400) throw e;
        throw Object.assign(new Error("no person “" + person[1] + "” is linked"), { status: 404 });
      }
    }
    const tried = [];
    const pair = t.match(/^([^\s:/@]+)[:/](.+)$/);
    if (pair) {
      const found = await exactAccount(pair[1], pair[2]);
      if (found) return found;
      tried.push("no account " + pair[1].toLowerCase() + ":" + pair[2]);
    }
    const bare = t.replace(/^@/, "");
    if (!t.startsWith("@")) {
      const ov = await loadOverview();
      for (const network of Object.keys(ov.networks || {})) {
        const found = await exactAccount(network, bare);
        if (found) return found;
      }
      tried.push("no id " + bare + " on " + (Object.keys(ov.networks || {}).join(", ") || "any network"));
    }
    try {
      const byHandle = await api("/accounts?handle=" + encodeURIComponent(bare));
      if (byHandle.accounts.length) return byHandle.accounts[0];
    } catch (e) {
      if (e.status !== 404 && e.status !== 400) throw e;
    }
    tried.push("no handle @" + bare);
    let hint = "";
    try {
      const near = await api("/search?limit=3&q=" + encodeURIComponent(bare));
      if (near.items.length) hint = "; did you mean " + near.items.map(r => name(r.account) + " (" + r.account.network + ":" + r.account.id + ")").join(", ") + "?";
    } catch (e) { /* no suggestions */ }
    throw Object.assign(new Error("no account matches “" + t + "”: " + tried.join(", ") + hint), { status: 404, notFound: t });
  }

  /** The account network:id, or null when there is none (or the text cannot name one). */
  async function exactAccount(network, id) {
    try {
      return await api("/accounts/" + encodeURIComponent(network) + "/" + encodeURIComponent(id));
    } catch (e) {
      if (e.status === 404 || e.status === 400) return null;
      throw e;
    }
  }

  // --- compare -----------------------------------------------------------------------------------

  async function comparePage(a, b) {
    const inputA = h("input", { id: "compare-a", value: a || "", placeholder: "first account: 88, snap:88 or @handle", "aria-label": "First account" });
    const inputB = h("input", { id: "compare-b", value: b || "", placeholder: "second account: 88, snap:88 or @handle", "aria-label": "Second account" });
    const go = h("button", { class: "button primary", id: "compare-go", type: "submit" }, "Compare");
    const form = h("form", { class: "compare-pick" }, inputA, inputB, go);
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      location.hash = "#/compare?a=" + encodeURIComponent(inputA.value.trim()) + "&b=" + encodeURIComponent(inputB.value.trim());
    });
    const hero = h("section", { class: "hero" }, h("h1", null, "Compare two accounts"),
      h("p", null, "Type each account as the command line takes it: network:id (as a profile shows it under the name), an id, or a handle; or a person as person:ID."));
    if (!a || !b) {
      show(hero, h("div", { class: "card" }, form));
      return;
    }
    const [ra, rb] = await Promise.all([resolveAccount(a).catch(e => e), resolveAccount(b).catch(e => e)]);
    const missing = [["First account", ra], ["Second account", rb]].filter(([, r]) => r instanceof Error);
    if (missing.length) {
      if (missing.some(([, r]) => r.status === 401)) throw missing.find(([, r]) => r.status === 401)[1];
      show(hero, h("div", { class: "card" }, form, h("div", { class: "error", role: "alert", id: "compare-error" },
        missing.map(([label, r]) => h("p", null, h("strong", null, label + ": "), r.message)))));
      return;
    }
    const [sa, sb] = await Promise.all([side(ra), side(rb)]);
    const chartBox = h("div", { class: "chart", id: "compare-chart" });
    const note = h("p", { class: "muted small" });
    show(hero, h("div", { class: "card" }, form),
      h("div", { class: "vs", id: "compare" }, sa.card, sb.card),
      h("section", { class: "card", id: "compare-history" }, h("h2", null, "History"), chartBox, note));
    drawHistory(chartBox, note, [{ label: sa.label, days: sa.history.days }, { label: sb.label, days: sb.history.days }]);
  }

  async function personSide(id) {
    const base = "/people/" + encodeURIComponent(id);
    const [p, history] = await Promise.all([api(base), api(base + "/history")]);
    const card = h("section", { class: "card side", "data-person": p.person },
      h("div", { class: "profile" },
        h("div", null, h("div", { class: "score-value" }, p.scored ? fmt(p.score) : "–"), h("div", { class: "score-label" }, "combined score")),
        h("div", { class: "who" }, h("h2", null, h("a", { href: personHref(p.person) }, p.person)),
          h("div", { class: "muted small" }, "person of " + int(p.accounts.length) + " accounts"
            + (p.rank ? " · #" + int(p.rank) + " of " + int(p.persons) + " persons" : "") + " · as of " + (p.as_of || "–")))),
      p.scored ? h("div", { class: "breakdown" }, SIGNALS.map(s => h("div", { class: "signal" + (p.signals[s].weight === 0 ? " off" : "") },
        h("div", { class: "row" }, h("span", { class: "name" }, LABELS[s]), h("span", { class: "muted small" }, fmt(p.signals[s].points, 2) + " pts")),
        bar(s, p.signals[s].points / FULL_POINTS)))) : null);
    return { card, history, label: p.person };
  }

  async function side(account) {
    if (account.person) return personSide(account.person);
    const base = "/accounts/" + encodeURIComponent(account.network) + "/" + encodeURIComponent(account.id);
    const [score, history] = await Promise.all([api(base + "/score"), api(base + "/history")]);
    const card = h("section", { class: "card side", "data-account": account.network + ":" + account.id },
      h("div", { class: "profile" },
        h("div", null, h("div", { class: "score-value" }, fmt(score.score)), h("div", { class: "score-label" }, "score")),
        h("div", { class: "who" }, h("h2", null, accountLink(score.account), score.flagged ? flagMark() : null),
          h("div", { class: "muted small" }, score.account.network + ":" + score.account.id + " · #" + int(score.rank) + " of " + int(score.accounts) + " · as of " + score.as_of))),
      h("div", { class: "breakdown" }, SIGNALS.filter(s => score.signals[s]).map(s => h("div", { class: "signal" + (score.signals[s].weight === 0 ? " off" : "") },
        h("div", { class: "row" }, h("span", { class: "name" }, LABELS[s]), h("span", { class: "muted small" }, fmt(score.signals[s].points, 2) + " pts")),
        bar(s, score.signals[s].points / FULL_POINTS)))));
    return { card, history, label: name(score.account) };
  }

  // --- search ------------------------------------------------------------------------------------

  async function searchPage(q) {
    document.getElementById("search-input").value = q;
    // network:id, network/id, '@handle': the account itself first, as the CLI would take it.
    const named = /^[^\s:/@]+[:/].+$/.test(q.trim()) || q.trim().startsWith("@")
      ? await resolveAccount(q).catch(e => { if (e.status === 401) throw e; return null; }) : null;
    const prefix = q.trim().replace(/^@/, "");
    const data = prefix && !/^[^\s:/@]+[:/].+$/.test(q.trim()) ? await api("/search?limit=50&q=" + encodeURIComponent(q)) : { items: [] };
    if (named && !data.items.some(r => r.account.network === named.network && r.account.id === named.id) && named.scored) {
      const score = await api("/accounts/" + encodeURIComponent(named.network) + "/" + encodeURIComponent(named.id) + "/score");
      data.items.unshift({ rank: score.rank, account: score.account, score: score.score, flagged: score.flagged });
    }
    show(h("section", { class: "hero" }, h("h1", null, "Accounts matching “" + q + "”"),
      h("p", null, data.items.length ? data.items.length + " found, best score first." : "No scored account has a handle, name or id starting with that.")),
      h("div", { class: "card" }, h("table", { id: "search-results" },
        h("thead", null, h("tr", null, h("th", { class: "rank" }, "#"), h("th", null, "Account"), h("th", { class: "num" }, "Score"))),
        h("tbody", null, data.items.map(r => h("tr", null, h("td", { class: "rank" }, int(r.rank)), h("td", null, accountLink(r.account), r.flagged ? flagMark() : null),
          h("td", { class: "num" }, h("span", { class: "pill" }, fmt(r.score)))))))));
  }

  function setupSearch() {
    const form = document.getElementById("search-form");
    const input = document.getElementById("search-input");
    const box = document.getElementById("search-suggest");
    let timer = null;
    let seq = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { box.hidden = true; return; }
      timer = setTimeout(async () => {
        const mine = ++seq;
        try {
          const data = await api("/search?limit=8&q=" + encodeURIComponent(q));
          if (mine !== seq) return;
          box.replaceChildren(...data.items.map(r => h("a", { href: accountHref(r.account), class: "suggestion" },
            h("span", null, name(r.account)), h("span", { class: "pill" }, fmt(r.score)))));
          box.hidden = data.items.length === 0;
        } catch (e) {
          box.hidden = true;
        }
      }, 120);
    });
    box.addEventListener("click", () => { box.hidden = true; input.value = ""; });
    document.addEventListener("click", ev => { if (!form.contains(ev.target)) box.hidden = true; });
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      box.hidden = true;
      if (input.value.trim()) location.hash = "#/search?q=" + encodeURIComponent(input.value.trim());
    });
  }

  async function loadOverview() {
    if (!overview) {
      overview = await api("/overview");
      const w = overview.scoring.signal_weights;
      document.getElementById("foot").textContent = "Scores as of " + (overview.as_of || "—") + " · " + int(overview.accounts_scored)
        + " accounts · " + int(overview.interactions_in_window) + " interactions in a " + overview.scoring.window_days + "-day window, half-life "
        + fmt(overview.scoring.half_life_days, 0) + " days · weights " + SIGNALS.map(s => LABELS[s].toLowerCase() + " " + w[s]).join(", ")
        + " · API: /api/v1/openapi.json";
    }
    return overview;
  }

  setupSearch();
  window.addEventListener("hashchange", route);
  loadOverview().catch(() => { /* shown by the page */ }).finally(route);
})();
