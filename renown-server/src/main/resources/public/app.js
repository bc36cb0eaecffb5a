/*
 * Renown dashboard: a small single-page app over the JSON API (/api/v1). Pages are hash routes:
 *   #/                          leaderboard (home)
 *   #/leaderboard?network=&topic=
 *   #/account/{network}/{id}    profile: score, breakdown, history, evidence, influence, topics
 *   #/compare?a=net/id&b=net/id two accounts side by side
 *   #/search?q=                 search results
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
    view.replaceChildren(...nodes);
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
      } else if (path[0] === "search") {
        activeNav("");
        await searchPage(params.get("q") || "");
      } else {
        activeNav("leaderboard");
        await leaderboardPage(params.get("network") || "", params.get("topic") || "");
      }
    } catch (e) {
      show(failure(e));
    }
  }

  // --- leaderboard -------------------------------------------------------------------------------

  async function leaderboardPage(network, topic) {
    const ov = await loadOverview();
    const networkSelect = h("select", { id: "filter-network", "aria-label": "Network" },
      h("option", { value: "" }, "All networks"),
      Object.entries(ov.networks).map(([n, c]) => h("option", { value: n, selected: n === network }, n + " (" + int(c) + ")")));
    const topicSelect = h("select", { id: "filter-topic", "aria-label": "Topic", disabled: ov.topics.length === 0 },
      h("option", { value: "" }, ov.topics.length ? "All topics" : "No topics in this data"),
      ov.topics.map(t => h("option", { value: t, selected: t === topic }, "#" + t)));
    const apply = () => {
      const p = new URLSearchParams();
      if (networkSelect.value) p.set("network", networkSelect.value);
      if (topicSelect.value) p.set("topic", topicSelect.value);
      location.hash = "#/leaderboard" + (p.toString() ? "?" + p : "");
    };
    networkSelect.addEventListener("change", apply);
    topicSelect.addEventListener("change", apply);

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
      if (cursor) p.set("cursor", cursor);
      const data = await api("/leaderboard?" + p);
      for (const row of data.items) {
        body.append(h("tr", null,
          h("td", { class: "rank" }, int(row.rank)),
          h("td", null, accountLink(row.account), row.account.display_name && row.account.handle
            ? h("div", { class: "muted small" }, row.account.display_name) : null),
          h("td", { class: "hide-phone" }, row.points ? mini(row.points) : h("span", { class: "muted small" }, "topic score")),
          h("td", { class: "num" }, h("span", { class: "pill" }, fmt(row.score)))));
      }
      shown += data.items.length;
      cursor = data.next_cursor;
      more.hidden = !cursor;
      count.textContent = shown === 0 ? "No accounts to show." : "Showing " + int(shown) + (topic ? " accounts on #" + topic : " of " + int(network ? ov.networks[network] : ov.accounts_scored) + " scored accounts") + ".";
    }
    more.addEventListener("click", () => page().catch(e => view.append(failure(e))));

    show(
      h("section", { class: "hero" },
        h("h1", null, topic ? "Leaders on #" + topic : "Leaderboard"),
        h("p", null, "Scores as of " + (ov.as_of || "—") + ". Every score is explained: open an account to see what it is made of.")),
      h("div", { class: "card" },
        h("div", { class: "filters" },
          h("label", null, "Network", networkSelect),
          h("label", null, "Topic", topicSelect)),
        table, count, more, legend()));
    await page();
  }

  // --- profile -----------------------------------------------------------------------------------

  async function profilePage(network, id) {
    const base = "/accounts/" + encodeURIComponent(network) + "/" + encodeURIComponent(id);
    const [account, score, explain, influence, history, topics] = await Promise.all([
      api(base), api(base + "/score"), api(base + "/explain?limit=5"), api(base + "/influence?limit=8"),
      api(base + "/history"), api(base + "/topics")
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
    const head = h("section", { class: "card span-12 profile", id: "profile" },
      ring,
      h("div", { class: "who" },
        h("h1", { id: "profile-name" }, name(account)),
        h("div", { class: "sub" }, [account.display_name && account.handle ? account.display_name + " · " : "",
          account.network + ":" + account.id]),
        h("div", { class: "facts" },
          h("div", { class: "fact" }, h("b", { id: "profile-rank" }, "#" + int(score.rank)), h("span", null, "of " + int(score.accounts))),
          h("div", { class: "fact" }, h("b", null, "top " + topShare(score.rank, score.accounts)), h("span", null, "percentile " + pct(score.percentile))),
          account.followers !== null ? h("div", { class: "fact" }, h("b", null, int(account.followers)), h("span", null, "followers")) : null,
          h("div", { class: "fact" }, h("b", null, score.as_of), h("span", null, "as of"))),
        deltas),
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
          "#" + t.topic + " · " + fmt(t.score) + " (#" + int(t.rank) + ")")))
        : h("p", { class: "empty" }, "No topics: the data has no hashtags, or this account scored on none."));

    show(h("div", { class: "grid" }, head, breakdown, chartCard, evidence, influenceCard, topicCard));
    drawHistory(chartBox, chartNote, [{ label: name(account), days: history.days }]);
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
        .filter(([k]) => last.delta[k] !== null)
        .map(([k, l]) => (last.delta[k] >= 0 ? "+" : "") + fmt(last.delta[k]) + " over " + l);
      note.textContent = first.length + " daily snapshot" + (first.length === 1 ? "" : "s") + " from " + first[0].day + " to " + last.day
        + (parts.length ? "; " + parts.join(", ") : "") + ".";
    }
  }

  // --- compare -----------------------------------------------------------------------------------

  async function comparePage(a, b) {
    const inputA = h("input", { id: "compare-a", value: a || "", placeholder: "first account: network/id", "aria-label": "First account" });
    const inputB = h("input", { id: "compare-b", value: b || "", placeholder: "second account: network/id", "aria-label": "Second account" });
    const go = h("button", { class: "button primary", id: "compare-go", type: "submit" }, "Compare");
    const form = h("form", { class: "compare-pick" }, inputA, inputB, go);
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      location.hash = "#/compare?a=" + encodeURIComponent(inputA.value.trim()) + "&b=" + encodeURIComponent(inputB.value.trim());
    });
    const hero = h("section", { class: "hero" }, h("h1", null, "Compare two accounts"),
      h("p", null, "Type each account as network/id: a profile shows it under the name as network:id."));
    if (!a || !b) {
      show(hero, h("div", { class: "card" }, form));
      return;
    }
    const [sa, sb] = await Promise.all([side(a), side(b)]);
    const chartBox = h("div", { class: "chart", id: "compare-chart" });
    const note = h("p", { class: "muted small" });
    show(hero, h("div", { class: "card" }, form),
      h("div", { class: "vs", id: "compare" }, sa.card, sb.card),
      h("section", { class: "card", id: "compare-history" }, h("h2", null, "History"), chartBox, note));
    drawHistory(chartBox, note, [{ label: sa.label, days: sa.history.days }, { label: sb.label, days: sb.history.days }]);
  }

  async function side(ref) {
    const slash = ref.indexOf("/");
    if (slash < 1) throw Object.assign(new Error("'" + ref + "' is not network/id"), { status: 400 });
    const base = "/accounts/" + encodeURIComponent(ref.slice(0, slash)) + "/" + encodeURIComponent(ref.slice(slash + 1));
    const [score, history] = await Promise.all([api(base + "/score"), api(base + "/history")]);
    const card = h("section", { class: "card side" },
      h("div", { class: "profile" },
        h("div", null, h("div", { class: "score-value" }, fmt(score.score)), h("div", { class: "score-label" }, "score")),
        h("div", { class: "who" }, h("h2", null, accountLink(score.account)),
          h("div", { class: "muted small" }, "#" + int(score.rank) + " of " + int(score.accounts) + " · as of " + score.as_of))),
      h("div", { class: "breakdown" }, SIGNALS.filter(s => score.signals[s]).map(s => h("div", { class: "signal" + (score.signals[s].weight === 0 ? " off" : "") },
        h("div", { class: "row" }, h("span", { class: "name" }, LABELS[s]), h("span", { class: "muted small" }, fmt(score.signals[s].points, 2) + " pts")),
        bar(s, score.signals[s].points / FULL_POINTS)))));
    return { card, history, label: name(score.account) };
  }

  // --- search ------------------------------------------------------------------------------------

  async function searchPage(q) {
    document.getElementById("search-input").value = q;
    const data = await api("/search?limit=50&q=" + encodeURIComponent(q));
    show(h("section", { class: "hero" }, h("h1", null, "Accounts matching “" + q + "”"),
      h("p", null, data.items.length ? data.items.length + " found, best score first." : "No scored account has a handle, name or id starting with that.")),
      h("div", { class: "card" }, h("table", { id: "search-results" },
        h("thead", null, h("tr", null, h("th", { class: "rank" }, "#"), h("th", null, "Account"), h("th", { class: "num" }, "Score"))),
        h("tbody", null, data.items.map(r => h("tr", null, h("td", { class: "rank" }, int(r.rank)), h("td", null, accountLink(r.account)),
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
