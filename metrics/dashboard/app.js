// The dashboard's logic: scrapes /metrics every second, turns counters into rates and histograms
// into p99s over the last interval, and draws them with uPlot (embedded, no CDN).
"use strict";

const refresh_ms = 1000;       // one scrape per second
const window_points = 120;     // two minutes of history per chart
const routes = ["products_list", "product", "styles", "related", "other"];
const route_colors = ["#2e86c1", "#28b463", "#d68910", "#8e44ad", "#7f8c8d"];
const pool_name = "query_pool";

// --- Prometheus text format (0.0.4) -------------------------------------------------------------

/** Parses exposition text into {name: [{labels, value}]}; comments and malformed lines skipped. */
function parse_metrics(text) {
  const samples = {};
  const line_re = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/;
  const label_re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const line of text.split("\n")) {
    if (line === "" || line[0] === "#") continue;
    const match = line_re.exec(line);
    if (!match) continue;
    const labels = {};
    for (const label of (match[3] || "").matchAll(label_re))
      labels[label[1]] = label[2].replace(/\\n/g, "\n").replace(/\\(.)/g, "$1");
    const value = match[4] === "+Inf" ? Infinity : Number(match[4]);
    (samples[match[1]] = samples[match[1]] || []).push({labels, value});
  }
  return samples;
}

/** Sum of every sample of `name` whose labels include all of `want`. */
function sum(samples, name, want = {}) {
  let total = 0;
  for (const sample of samples[name] || [])
    if (Object.entries(want).every(([key, value]) => sample.labels[key] === value))
      total += sample.value;
  return total;
}

function has(samples, name) {
  return (samples[name] || []).length > 0;
}

/** Per-second growth of a counter between two scrapes (0 after a restart). */
function rate(now, before, seconds, name, want = {}) {
  if (!before) return null;
  const growth = sum(now, name, want) - sum(before, name, want);
  return growth >= 0 ? growth / seconds : 0;
}

/** Cumulative bucket counts {le: count} of one histogram series. */
function buckets(samples, name, want) {
  const counts = new Map();
  for (const sample of samples[name + "_bucket"] || []) {
    if (!Object.entries(want).every(([key, value]) => sample.labels[key] === value)) continue;
    const le = sample.labels.le === "+Inf" ? Infinity : Number(sample.labels.le);
    counts.set(le, (counts.get(le) || 0) + sample.value);
  }
  return counts;
}

/** The q-quantile (seconds) of what a histogram observed between two scrapes, or null if nothing. */
function quantile(now, before, name, want, q) {
  if (!before) return null;
  const after = buckets(now, name, want);
  const earlier = buckets(before, name, want);
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const delta = bounds.map((le) => after.get(le) - (earlier.get(le) || 0));
  const total = delta[delta.length - 1];
  if (!total || total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  for (let i = 0; i < bounds.length; ++i) {
    if (delta[i] >= rank) {
      if (bounds[i] === Infinity) return lower;  // beyond the largest bucket: report its bound
      const below = i === 0 ? 0 : delta[i - 1];
      const inside = delta[i] - below;
      return inside > 0 ? lower + (bounds[i] - lower) * ((rank - below) / inside) : bounds[i];
    }
    lower = bounds[i];
  }
  return lower;
}

// --- Charts ------------------------------------------------------------------------------------

// Wall-clock labels on whole seconds: uPlot's default time axis picks sub-second ticks
// (":16.500") when the window is only a few seconds wide, which reads as noise on a live chart.
const clock = (seconds) => new Date(seconds * 1000).toLocaleTimeString([], {hour12: false});
const time_axis = {
  incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300],
  space: 70,
  values: (plot, ticks) => ticks.map(clock),
};

function make_chart(element_id, series) {
  const element = document.getElementById(element_id);
  const options = {
    width: Math.max(480, element.clientWidth || 480),
    height: 220,
    scales: {x: {time: true}},
    series: [{value: (plot, seconds) => (seconds === null ? "-" : clock(seconds))},
      ...series.map(([label, stroke]) => ({label, stroke, width: 2, spanGaps: true}))],
    axes: [time_axis, {size: 60}],
  };
  const data = [[], ...series.map(() => [])];
  return {plot: new uPlot(options, data, element), data, element};
}

function push_point(chart, time, values) {
  chart.data[0].push(time);
  values.forEach((value, i) => chart.data[i + 1].push(value));
  if (chart.data[0].length > window_points) chart.data.forEach((column) => column.shift());
  chart.plot.setData(chart.data);
  // For tests and eyes: how many points in the window have at least one series above zero.
  const non_zero = chart.data[0].filter((_, row) =>
      chart.data.slice(1).some((column) => column[row] !== null && column[row] > 0)).length;
  chart.element.dataset.points = String(chart.data[0].length);
  chart.element.dataset.nonZeroPoints = String(non_zero);
}

const charts = {
  rate: make_chart("chart-rate", routes.map((route, i) => [route, route_colors[i]])),
  p99: make_chart("chart-p99", routes.map((route, i) => [route, route_colors[i]])),
  pool: make_chart("chart-pool", [["mailbox depth", "#c0392b"], ["busy workers", "#2e86c1"]]),
  pool_time: make_chart("chart-pool-time", [["queue wait p99", "#c0392b"], ["processing p99", "#2e86c1"]]),
  errors: make_chart("chart-errors", [["4xx/s", "#d68910"], ["5xx/s", "#c0392b"], ["rejected/s", "#8e44ad"], ["expired/s", "#7f8c8d"]]),
  cache: make_chart("chart-cache", [["hit ratio %", "#28b463"], ["coalesced/s", "#2e86c1"]]),
};

// --- Rendering ---------------------------------------------------------------------------------

function show(id, value, digits = 1) {
  document.getElementById(id).textContent =
      value === null || value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
}

function status_rate(now, before, seconds, pattern) {
  if (!before) return null;
  let total = 0;
  for (const sample of now.atelier_http_requests_total || []) {
    if (!pattern.test(sample.labels.code)) continue;
    const old = (before.atelier_http_requests_total || []).find(
        (s) => s.labels.route === sample.labels.route && s.labels.code === sample.labels.code);
    total += sample.value - (old ? old.value : 0);
  }
  return Math.max(0, total) / seconds;
}

function render_cache(now, before, seconds, time) {
  const present = has(now, "atelier_cache_lookups_total");
  document.getElementById("no-cache").classList.toggle("hidden", present);
  if (!present) {
    document.getElementById("cache-hit-ratio").textContent = "no cache";
    push_point(charts.cache, time, [null, null]);
    return;
  }
  const lookups = rate(now, before, seconds, "atelier_cache_lookups_total");
  const hits = (rate(now, before, seconds, "atelier_cache_lookups_total", {result: "l1_hit"}) || 0) +
      (rate(now, before, seconds, "atelier_cache_lookups_total", {result: "memcached_hit"}) || 0);
  const ratio = lookups ? (100 * hits) / lookups : null;
  show("cache-hit-ratio", ratio, 1);
  push_point(charts.cache, time,
             [ratio, rate(now, before, seconds, "atelier_cache_events_total", {event: "coalesced"})]);
  const rows = (now.atelier_memcached_node_up || []).map((sample) => {
    const node = sample.labels.node;
    const up = sample.value === 1;
    const failures = sum(now, "atelier_memcached_node_failures_total", {node});
    const timeouts = sum(now, "atelier_memcached_node_timeouts_total", {node});
    return `<tr><td>${node}</td><td class="${up ? "up" : "down"}">${up ? "up" : "DOWN"}</td>` +
        `<td>${failures}</td><td>${timeouts}</td></tr>`;
  });
  document.querySelector("#nodes tbody").innerHTML =
      rows.length ? rows.join("") : '<tr><td colspan="4">no nodes reported</td></tr>';
}

function render(now, before, seconds) {
  const time = Date.now() / 1000;
  const pool = {name: pool_name};
  const route_rates = routes.map((route) => rate(now, before, seconds, "atelier_http_requests_total", {route}));
  const route_p99 = routes.map((route) => {
    const p99 = quantile(now, before, "atelier_http_request_duration_seconds", {route}, 0.99);
    return p99 === null ? null : p99 * 1000;
  });
  const api_p99 = quantile(now, before, "atelier_http_request_duration_seconds", {}, 0.99);
  const queue_p99 = quantile(now, before, "caf_actor_mailbox_time_seconds", pool, 0.99);
  const processing_p99 = quantile(now, before, "caf_actor_processing_time_seconds", pool, 0.99);
  const errors = [status_rate(now, before, seconds, /^4/), status_rate(now, before, seconds, /^5/),
                  rate(now, before, seconds, "atelier_pool_rejected_total", pool),
                  rate(now, before, seconds, "atelier_pool_expired_total", pool)];
  push_point(charts.rate, time, route_rates);
  push_point(charts.p99, time, route_p99);
  push_point(charts.pool, time, [sum(now, "caf_actor_mailbox_size", pool), sum(now, "atelier_pool_busy_workers", pool)]);
  push_point(charts.pool_time, time, [queue_p99 === null ? null : queue_p99 * 1000,
                                      processing_p99 === null ? null : processing_p99 * 1000]);
  push_point(charts.errors, time, errors);
  render_cache(now, before, seconds, time);

  show("request-rate", route_rates.reduce((a, b) => a + (b || 0), 0), 1);
  show("p99-ms", api_p99 === null ? null : api_p99 * 1000, 2);
  show("error-rate", errors[1], 1);
  show("busy-workers", sum(now, "atelier_pool_busy_workers", pool), 0);
  show("mailbox-depth", sum(now, "caf_actor_mailbox_size", pool), 0);
  show("queue-p99-ms", queue_p99 === null ? null : queue_p99 * 1000, 3);
  show("pg-up", sum(now, "atelier_postgres_connections_up", pool), 0);
  show("rss-mib", sum(now, "process_resident_memory_bytes") / (1024 * 1024), 1);
  show("open-fds", sum(now, "process_open_fds"), 0);
}

// --- Polling -----------------------------------------------------------------------------------

let previous = null;
let previous_at = 0;
let scrapes = 0;

async function poll() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("/metrics", {cache: "no-store"});
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const now = parse_metrics(await response.text());
    const at = performance.now();
    render(now, previous, previous ? Math.max(0.001, (at - previous_at) / 1000) : 1);
    previous = now;
    previous_at = at;
    document.getElementById("scrapes").textContent = String(++scrapes);
    const uptime = sum(now, "atelier_process_uptime_seconds");
    status.textContent = `live · uptime ${uptime.toFixed(0)} s · ${new Date().toLocaleTimeString()}`;
    status.classList.remove("down");
  } catch (error) {
    status.textContent = `scrape failed: ${error.message}`;
    status.classList.add("down");
  }
}

poll();
setInterval(poll, refresh_ms);
