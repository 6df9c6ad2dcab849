"use strict";

// The mesh page: reads the admin API on this origin every 2 s and draws services, calls, proxies and traffic.
// Every figure comes from the API as is; the page only divides, formats and lays out.

const API = "/api/v1";
const LOGIN_URL = "/login?returnUrl=/ui/";
const POLL_MS = 2000;
const WINDOW = "5m";
const WINDOW_SECONDS = 300;
// Proxies report every 5 s: three missed reports make one stale.
const STALE_AFTER_MS = 15000;
const TOP_ROWS = 10;
const SVG_NS = "http://www.w3.org/2000/svg";

const NODE_HEIGHT = 40;
const COLUMN_GAP = 120;
const ROW_STEP = 76;
const MARGIN = 24;
// Room right of the last column and below the last row for self-calls and arrows that go back a column.
const CURVE_ROOM = 64;
// An estimate for the node's font (13px system-ui): nodes are as wide as their longest name, never cut.
const CHAR_WIDTH = 7.6;

const CIRCUIT_WORDS = { closed: "closed", open: "OPEN", halfOpen: "half-open" };

// The graph is rebuilt only when what it shows changed, so a tooltip being read is not torn down every poll.
let lastGraph = "";

class Unauthorized extends Error {}

class HttpError extends Error {
  constructor(status, path) {
    super(`HTTP ${status} on ${path}`);
    this.status = status;
    this.path = path;
  }
}

// ---- fetching -------------------------------------------------------------------------------------------

async function fetchJson(path) {
  // The Accept header keeps the access guard answering 401 rather than redirecting to the login page.
  const response = await fetch(API + path, {
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (response.status === 401) {
    throw new Unauthorized();
  }
  if (!response.ok) {
    throw new HttpError(response.status, API + path);
  }
  return { body: await response.json(), headers: response.headers };
}

// Like Promise.all, but waits for every call so that a 401 anywhere wins over another call's failure.
async function settleAll(promises) {
  const results = await Promise.allSettled(promises);
  const failures = results.filter((r) => r.status === "rejected").map((r) => r.reason);
  if (failures.length > 0) {
    throw failures.find((e) => e instanceof Unauthorized) ?? failures[0];
  }
  return results.map((r) => r.value);
}

function fetchAnalytics(groupBy) {
  return fetchJson(`/analytics?groupBy=${groupBy}&window=${WINDOW}`);
}

async function loadMesh() {
  const [services, proxies, byService, byCall, byConsumer, byRoute] = await settleAll([
    fetchJson("/services"),
    fetchJson("/proxies"),
    fetchAnalytics("service"),
    fetchAnalytics("call"),
    fetchAnalytics("consumer"),
    fetchAnalytics("route"),
  ]);
  // The proxies' answer names the version its "converged" flags were computed against.
  const header = proxies.headers.get("X-Mesh-Config-Version");
  return {
    configVersion: header === null ? null : Number(header),
    // Each listed service carries its live endpoint health and its circuit: one call for all of them.
    services: services.body.sort((a, b) => compareText(a.name, b.name)),
    proxies: proxies.body,
    analytics: {
      service: new Map(byService.body.map((row) => [row.key, row])),
      call: byCall.body,
      consumer: byConsumer.body,
      route: byRoute.body,
    },
  };
}

// ---- polling --------------------------------------------------------------------------------------------

// Answers whether to keep polling: after a 401 the page is on its way to the login.
async function poll() {
  let mesh;
  try {
    mesh = await loadMesh();
  } catch (error) {
    if (error instanceof Unauthorized) {
      window.location.assign(LOGIN_URL);
      return false;
    }
    showStatus("error", error instanceof HttpError
      ? `control plane answered ${error.status} (${error.path}) — showing the last data`
      : "control plane unreachable — showing the last data");
    return true;
  }
  render(mesh);
  showStatus("ok", `updated ${clock(new Date())}`);
  return true;
}

// The next poll starts 2 s after the previous one finished, so a slow control plane never has polls piling up.
async function run() {
  let again = true;
  try {
    again = await poll();
  } finally {
    if (again) {
      window.setTimeout(run, POLL_MS);
    }
  }
}

function showStatus(kind, text) {
  const status = document.getElementById("status");
  status.className = kind;
  status.textContent = text;
}

// ---- figures and formats --------------------------------------------------------------------------------

function perSecond(row) {
  return row ? row.requests / WINDOW_SECONDS : 0;
}

// Server errors only: a 4xx is the client's doing and says nothing about the service's health.
function errorRatio(row) {
  return row && row.requests > 0 ? row.status5xx / row.requests : null;
}

function formatRate(value) {
  if (value === 0) {
    return "0 req/s";
  }
  if (value < 0.1) {
    return `${value.toPrecision(1)} req/s`;
  }
  return value < 100 ? `${value.toFixed(1)} req/s` : `${Math.round(value)} req/s`;
}

function formatPercent(ratio) {
  if (ratio === null) {
    return "—";
  }
  const percent = ratio * 100;
  if (percent === 0) {
    return "0 %";
  }
  if (percent < 0.1) {
    return "<0.1 %";
  }
  return percent < 10 ? `${percent.toFixed(1)} %` : `${Math.round(percent)} %`;
}

function formatMs(ms) {
  if (ms === undefined || ms === null) {
    return "—";
  }
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function formatCount(n) {
  return n.toLocaleString("en-US");
}

function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function clock(date) {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- state derived from the API -------------------------------------------------------------------------

function serviceHealth(service) {
  const state = service.circuit?.state;
  if (state === "open") {
    return "down";
  }
  const endpoints = service.endpoints ?? [];
  if (state === "halfOpen" || endpoints.some((e) => e.health === "unhealthy" || e.health === "ejected")) {
    return "degraded";
  }
  return "ok";
}

function proxySync(proxy, configVersion, now) {
  // A clock a little ahead of the browser's must not read as "seen in the future".
  const agoMs = Math.max(0, now - Date.parse(proxy.lastSeen));
  const current = configVersion === null ? proxy.converged : proxy.appliedVersion === configVersion;
  const fresh = agoMs <= STALE_AFTER_MS;
  let reason = `applied the current version ${proxy.appliedVersion}`;
  if (!current) {
    reason = `applied version ${proxy.appliedVersion}, current is ${configVersion ?? "newer"}`;
  } else if (!fresh) {
    reason = `no report for ${formatDuration(agoMs)}`;
  }
  return { state: current && fresh ? "synced" : "stale", agoMs, reason };
}

// ---- DOM helpers: text goes in as Text nodes, never as markup ---------------------------------------------

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
}

function round(n) {
  return Math.round(n * 10) / 10;
}

// ---- rendering ------------------------------------------------------------------------------------------

function render(mesh) {
  const now = Date.now();
  document.getElementById("config-version").textContent = mesh.configVersion === null ? "—" : String(mesh.configVersion);
  renderGraph(mesh, now);
  renderServices(mesh);
  renderProxies(mesh, now);
  renderTop("consumers", "data-consumer", mesh.analytics.consumer, "no keyed traffic in the last 5 minutes");
  renderTop("routes", "data-route", mesh.analytics.route, "no routed traffic in the last 5 minutes");
}

function replaceBody(tableId, rows) {
  document.querySelector(`#${tableId} tbody`).replaceChildren(...rows);
}

function emptyRow(columns, text) {
  return el("tr", { class: "empty" }, el("td", { colspan: columns }, text));
}

function renderServices(mesh) {
  const rows = mesh.services.map((service) => serviceRow(service, mesh.analytics.service.get(service.name)));
  replaceBody("services", rows.length > 0 ? rows : [emptyRow(7, "no services registered")]);
}

function serviceRow(service, figures) {
  return el("tr", { "data-service": service.name, "data-health": serviceHealth(service) },
    el("td", { class: "name" }, service.name),
    el("td", { class: "num" }, formatRate(perSecond(figures))),
    el("td", { class: "num" }, formatPercent(errorRatio(figures))),
    el("td", { class: "num" }, formatMs(figures?.p50Ms)),
    el("td", { class: "num" }, formatMs(figures?.p99Ms)),
    endpointsCell(service.endpoints ?? []),
    circuitCell(service.circuit));
}

function endpointsCell(endpoints) {
  const healthy = endpoints.filter((e) => e.health === "healthy").length;
  const cell = el("td", { class: "endpoints" }, el("span", { class: "count" }, `${healthy}/${endpoints.length}`));
  const others = endpoints.filter((e) => e.health !== "healthy");
  if (others.length > 0) {
    cell.append(el("ul", { class: "problems" }, ...others.map((e) => el("li", { "data-endpoint": e.id, "data-health": e.health },
      el("span", { class: "endpoint-id" }, e.id ?? e.address ?? "?"),
      " ",
      el("span", { class: `badge health-${e.health}` }, e.health),
      e.ejectedUntil ? ` until ${clock(new Date(e.ejectedUntil))}` : ""))));
  }
  return cell;
}

function circuitCell(circuit) {
  const state = circuit?.state ?? "unknown";
  let title = "circuit state unavailable";
  if (circuit) {
    title = `failure ratio ${formatPercent(circuit.failureRatio)} over ${circuit.requests} requests, since ${clock(new Date(circuit.since))}`;
    if (circuit.retryAt) {
      title += `, retry at ${clock(new Date(circuit.retryAt))}`;
    }
  }
  return el("td", { class: "circuit", "data-circuit-state": state, title },
    el("span", { class: `badge circuit-${state}` }, CIRCUIT_WORDS[state] ?? "—"));
}

function renderProxies(mesh, now) {
  const proxies = [...mesh.proxies].sort((a, b) => compareText(a.mode, b.mode) || compareText(a.id, b.id));
  const rows = proxies.map((proxy) => proxyRow(proxy, proxySync(proxy, mesh.configVersion, now)));
  replaceBody("proxies", rows.length > 0 ? rows : [emptyRow(7, "no proxy has reported")]);
}

function proxyRow(proxy, sync) {
  return el("tr", { "data-proxy": proxy.id, "data-mode": proxy.mode, "data-sync": sync.state },
    el("td", { class: "name" }, proxy.id),
    el("td", {}, proxy.mode),
    el("td", { class: "address" }, proxy.address),
    el("td", { class: "num", title: `snapshot version ${proxy.snapshotVersion}` }, String(proxy.appliedVersion)),
    el("td", { class: "seen" }, `last seen ${formatDuration(sync.agoMs)} ago`),
    el("td", { class: "sync", title: sync.reason }, el("span", { class: `badge sync-${sync.state}` }, sync.state.toUpperCase())),
    el("td", { class: "last-error" }, proxy.lastError ?? ""));
}

function renderTop(tableId, keyAttribute, rows, emptyText) {
  // The API orders rows by requests already; sorting again keeps the page right should that change.
  const top = [...rows].sort((a, b) => b.requests - a.requests || compareText(a.key, b.key)).slice(0, TOP_ROWS);
  replaceBody(tableId, top.length > 0 ? top.map((row) => topRow(keyAttribute, row)) : [emptyRow(5, emptyText)]);
}

function topRow(keyAttribute, row) {
  return el("tr", { [keyAttribute]: row.key },
    el("td", { class: "name" }, row.key),
    el("td", { class: "num" }, formatCount(row.requests)),
    el("td", { class: "num" }, formatRate(perSecond(row))),
    el("td", { class: "num" }, formatPercent(errorRatio(row))),
    el("td", { class: "num" }, formatMs(row.p99Ms)));
}

// ---- the graph: model -----------------------------------------------------------------------------------

// A caller that is an edge identity starts at that edge's node.
function callEnds(row, edgeNodeOf) {
  const at = row.key.indexOf(">");
  const from = row.from ?? (at > 0 ? row.key.slice(0, at) : null);
  const to = row.to ?? (at > 0 ? row.key.slice(at + 1) : null);
  return from && to ? { from: edgeNodeOf.get(from) ?? from, to } : null;
}

// Nodes are services, edge proxies and callers outside the catalog; links are the call graph (counted by the
// called service's inbound sidecar, so the caller is its mesh identity). A service no sidecar counted calls for
// still has the requests its choosers counted (`groupBy=service`): those are drawn, dashed, from every edge.
function buildGraph(mesh, now) {
  const nodes = new Map();
  const add = (node) => {
    if (!nodes.has(node.id)) {
      nodes.set(node.id, node);
    }
  };
  const outsideService = (name) => ({ id: name, kind: "service", label: name, state: "unregistered", title: `${name}: not a registered service` });

  // Edges are drawn by the mesh identity they call with (the caller their calls carry), one node for all the edge
  // proxies that share it: the call graph counts them together, the proxies table lists each.
  const edgeGroups = new Map();
  for (const proxy of mesh.proxies.filter((p) => p.mode === "edge")) {
    const identity = proxy.identity ?? proxy.id;
    edgeGroups.set(identity, [...(edgeGroups.get(identity) ?? []), proxy]);
  }
  const edgeNodeOf = new Map();
  for (const [identity, proxies] of [...edgeGroups].sort((a, b) => compareText(a[0], b[0]))) {
    const syncs = proxies.map((proxy) => proxySync(proxy, mesh.configVersion, now));
    const state = syncs.every((sync) => sync.state === "synced") ? "synced" : "stale";
    const id = `edge:${identity}`;
    edgeNodeOf.set(identity, id);
    const label = proxies.length === 1 ? identity : `${identity} ×${proxies.length}`;
    const members = proxies.map((proxy, i) => `${proxy.id} (${proxy.address}): ${syncs[i].state}, ${syncs[i].reason}`).join("; ");
    add({ id, kind: "edge", label, state, title: `edge identity ${identity}: ${members}` });
  }
  for (const service of mesh.services) {
    const endpoints = service.endpoints ?? [];
    const healthy = endpoints.filter((e) => e.health === "healthy").length;
    const circuit = CIRCUIT_WORDS[service.circuit?.state] ?? "unknown";
    add({ id: service.name, kind: "service", label: service.name, state: serviceHealth(service), title: `${service.name}: circuit ${circuit}, ${healthy}/${endpoints.length} endpoints healthy` });
  }

  const calls = mesh.analytics.call.map((row) => ({ row, ends: callEnds(row, edgeNodeOf) })).filter((c) => c.ends !== null);
  // A called name is always a service (a sidecar speaks for one), so targets are placed before callers.
  for (const { ends } of calls) {
    add(outsideService(ends.to));
  }
  for (const { ends } of calls) {
    add({ id: ends.from, kind: "caller", label: ends.from, state: "outside", title: `${ends.from}: a mesh identity that is neither a registered service nor an edge's` });
  }
  const links = calls.map(({ row, ends }) => ({ id: row.key, from: ends.from, to: ends.to, inferred: false, row }));

  const called = new Set(links.map((l) => l.to));
  const edges = [...nodes.values()].filter((n) => n.kind === "edge");
  for (const row of mesh.analytics.service.values()) {
    if (row.requests === 0 || called.has(row.key)) {
      continue;
    }
    add(outsideService(row.key));
    for (const edge of edges) {
      links.push({ id: `${edge.id}>${row.key}`, from: edge.id, to: row.key, inferred: true, row });
    }
  }
  return { nodes: [...nodes.values()], links };
}

// ---- the graph: layout ----------------------------------------------------------------------------------

// Breadth-first layers: edges and outside callers first, then services by how many calls away from a root.
function layerDepths(nodes, links) {
  const next = new Map(nodes.map((n) => [n.id, []]));
  const called = new Set();
  for (const link of links.filter((l) => l.from !== l.to)) {
    next.get(link.from).push(link.to);
    called.add(link.to);
  }
  const depth = new Map();
  const queue = [];
  const enter = (id, d) => {
    depth.set(id, d);
    queue.push(id);
  };
  const walk = () => {
    while (queue.length > 0) {
      const id = queue.shift();
      for (const to of next.get(id)) {
        if (!depth.has(to)) {
          enter(to, depth.get(id) + 1);
        }
      }
    }
  };
  // Services start at the second column even when nothing calls them, so edges keep the first to themselves.
  nodes.filter((n) => n.kind !== "service").forEach((n) => enter(n.id, 0));
  nodes.filter((n) => n.kind === "service" && !called.has(n.id)).forEach((n) => enter(n.id, 1));
  walk();
  // A cycle no root reaches (a ⇄ b and nobody else) is entered at its first service by name.
  for (const node of [...nodes].sort((a, b) => compareText(a.id, b.id))) {
    if (!depth.has(node.id)) {
      enter(node.id, 1);
      walk();
    }
  }
  return depth;
}

const KIND_ORDER = { edge: 0, caller: 1, service: 2 };

function labelWidth(node) {
  return Math.max(120, Math.ceil(node.label.length * CHAR_WIDTH) + 28);
}

function layout(graph) {
  const depth = layerDepths(graph.nodes, graph.links);
  const columns = new Map();
  for (const node of graph.nodes) {
    const d = depth.get(node.id);
    columns.set(d, [...(columns.get(d) ?? []), node]);
  }
  const order = [...columns.keys()].sort((a, b) => a - b);
  const rows = Math.max(...[...columns.values()].map((c) => c.length));
  const position = new Map();
  let x = MARGIN;
  for (const d of order) {
    const members = columns.get(d).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.id, b.id));
    // One width per column, so arrows into a column all end on the same line.
    const w = Math.max(...members.map(labelWidth));
    // Shorter columns are centred against the tallest, which keeps arrows between them short.
    const offset = ((rows - members.length) * ROW_STEP) / 2;
    members.forEach((node, row) => position.set(node.id, { x, y: MARGIN + offset + row * ROW_STEP, w }));
    x += w + COLUMN_GAP;
  }
  return {
    position,
    width: x - COLUMN_GAP + MARGIN + CURVE_ROOM,
    height: 2 * MARGIN + (rows - 1) * ROW_STEP + NODE_HEIGHT + CURVE_ROOM,
  };
}

// A cubic curve, and the point half-way along it for the label.
function cubic(x0, y0, x1, y1, x2, y2, x3, y3) {
  return {
    d: `M ${round(x0)} ${round(y0)} C ${round(x1)} ${round(y1)}, ${round(x2)} ${round(y2)}, ${round(x3)} ${round(y3)}`,
    labelX: round((x0 + 3 * x1 + 3 * x2 + x3) / 8),
    labelY: round((y0 + 3 * y1 + 3 * y2 + y3) / 8 - 5),
    anchor: "middle",
  };
}

function linkShape(a, b, selfCall) {
  const h = NODE_HEIGHT;
  if (selfCall) {
    const x = a.x + a.w;
    // The label sits above the node, left of the loop, so it never runs past the drawing's right edge.
    return { ...cubic(x, a.y + h * 0.3, x + 56, a.y - 24, x + 56, a.y + h + 24, x, a.y + h * 0.7), labelX: x - 4, labelY: a.y - 6, anchor: "end" };
  }
  if (b.x > a.x) {
    const sx = a.x + a.w;
    const sy = a.y + h / 2;
    const ex = b.x;
    const ey = b.y + h / 2;
    const dx = (ex - sx) / 2;
    return cubic(sx, sy, sx + dx, sy, ex - dx, ey, ex, ey);
  }
  if (b.x === a.x) {
    // Within a column: bow out to the right rather than run through the nodes between.
    const sx = a.x + a.w;
    const sy = a.y + h / 2;
    const ey = b.y + h / 2;
    const bulge = 48 + Math.abs(ey - sy) / 4;
    return cubic(sx, sy, sx + bulge, sy, sx + bulge, ey, sx, ey);
  }
  // Back to an earlier column (a cycle): dip below both nodes.
  const sx = a.x + a.w / 2;
  const ex = b.x + b.w / 2;
  const low = Math.max(a.y, b.y) + h + 56;
  return cubic(sx, a.y + h, sx, low, ex, low, ex, b.y + h);
}

// ---- the graph: drawing ---------------------------------------------------------------------------------

function severityOf(link) {
  if (link.inferred) {
    return "inferred";
  }
  const ratio = errorRatio(link.row) ?? 0;
  return ratio >= 0.05 ? "bad" : ratio >= 0.01 ? "warn" : "ok";
}

function linkTexts(link, nodes) {
  const rate = formatRate(perSecond(link.row));
  const from = nodes.get(link.from).label;
  if (link.inferred) {
    return {
      label: `≤ ${rate}`,
      title: `${from} → ${link.to}: at most ${rate}. No sidecar counted who called ${link.to}; this is all of its traffic (${formatPercent(errorRatio(link.row))} 5xx, p99 ${formatMs(link.row.p99Ms)}), whoever sent it.`,
    };
  }
  const errors = formatPercent(errorRatio(link.row));
  return { label: `${rate} · ${errors}`, title: `${from} → ${link.to}: ${rate}, ${errors} 5xx, p99 ${formatMs(link.row.p99Ms)}` };
}

function drawLink(link, placed, nodes) {
  const shape = linkShape(placed.position.get(link.from), placed.position.get(link.to), link.from === link.to);
  const severity = severityOf(link);
  const texts = linkTexts(link, nodes);
  // Wider for busier calls, on a log scale so one hot call does not drown the rest.
  const stroke = round(1.5 + Math.min(4, Math.log10(1 + perSecond(link.row)) * 2));
  return svg("g", { class: `call ${severity}`, "data-call": link.id, "data-inferred": link.inferred ? "true" : null },
    svg("title", {}, texts.title),
    svg("path", { d: shape.d, "stroke-width": stroke, "marker-end": `url(#arrow-${severity})` }),
    svg("text", { class: "call-label", x: shape.labelX, y: shape.labelY, "text-anchor": shape.anchor }, texts.label));
}

function drawNode(node, placed) {
  const at = placed.position.get(node.id);
  const stateClass = node.kind === "service" ? `health-${node.state}` : node.kind === "edge" ? `sync-${node.state}` : "outside";
  return svg("g", {
    class: `node ${node.kind} ${stateClass}`,
    "data-node": node.id,
    "data-health": node.kind === "service" ? node.state : null,
    transform: `translate(${round(at.x)} ${round(at.y)})`,
  },
  svg("title", {}, node.title),
  svg("rect", { width: at.w, height: NODE_HEIGHT, rx: node.kind === "service" ? 6 : 18 }),
  svg("text", { x: at.w / 2, y: NODE_HEIGHT / 2, "text-anchor": "middle", "dominant-baseline": "central" }, node.label));
}

function markers() {
  return svg("defs", {}, ...["ok", "warn", "bad", "inferred"].map((severity) =>
    svg("marker", {
      id: `arrow-${severity}`,
      class: `arrow ${severity}`,
      viewBox: "0 0 10 10",
      refX: 9,
      refY: 5,
      markerWidth: 10,
      markerHeight: 10,
      markerUnits: "userSpaceOnUse",
      orient: "auto",
    }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }))));
}

function renderGraph(mesh, now) {
  const graph = buildGraph(mesh, now);
  const signature = JSON.stringify(graph);
  if (signature === lastGraph) {
    return;
  }
  lastGraph = signature;
  const canvas = document.getElementById("graph");
  if (graph.nodes.length === 0) {
    canvas.setAttribute("viewBox", "0 0 400 60");
    canvas.replaceChildren(svg("text", { class: "empty", x: 200, y: 30, "text-anchor": "middle" }, "no services or proxies yet"));
    return;
  }
  const placed = layout(graph);
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  canvas.setAttribute("viewBox", `0 0 ${Math.ceil(placed.width)} ${Math.ceil(placed.height)}`);
  canvas.replaceChildren(
    markers(),
    svg("g", { class: "calls" }, ...graph.links.map((link) => drawLink(link, placed, nodes))),
    svg("g", { class: "nodes" }, ...graph.nodes.map((node) => drawNode(node, placed))));
}

run();
