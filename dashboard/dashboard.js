// attrmock's QA dashboard: plain DOM, no build step. Everything it shows comes from the admin API beside it
// (/__admin/...), called with the admin token when the mock has one. Data is only ever set as text, never as
// HTML: the journal shows whatever clients sent.

const ADMIN = new URL('..', location.href).pathname.replace(/\/$/, '');
const TOKEN_KEY = 'attrmock-admin-token';
const JOURNAL_KEEP = 1000;
/** Entries read when the page opens or reconnects: each carries bodies, so not the whole journal at once. */
const JOURNAL_LOAD = 300;

const $ = (id) => document.getElementById(id);
const state = { session: 'default', journal: [], vendors: [], selected: undefined, live: false };

/** An element with text (never HTML) and attributes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'onclick') node.addEventListener('click', value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

function show(message, isError = false) {
  const box = $('message');
  box.textContent = message;
  box.className = isError ? 'message error' : 'message';
}

// ---- admin calls, with the token once the mock asked for it ----

class Unauthorized extends Error {}

async function call(method, path, body) {
  const headers = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(ADMIN + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    askForToken(token ? 'That token was refused.' : '');
    throw new Unauthorized('the admin API wants its token');
  }
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.message ? `${answer.message}${answer.errors ? `: ${answer.errors.join('; ')}` : ''}` : `HTTP ${res.status}`);
  return answer;
}

function withSession(path, session = state.session) {
  return `${path}${path.includes('?') ? '&' : '?'}session=${encodeURIComponent(session)}`;
}

/** Runs an action from a control, reporting its failure on the page instead of the console. */
function act(action) {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      if (!(error instanceof Unauthorized)) show(error.message, true);
    }
  };
}

function askForToken(why) {
  $('token-form').hidden = false;
  $('token-error').textContent = why;
  $('token').focus();
}

$('token-form').addEventListener('submit', act(async (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  $('token-form').hidden = true;
  await start();
}));

// ---- operations and forcing errors ----

function faultOptions() {
  const rule = {};
  if (!$('fault-forever').checked) rule.times = Math.max(1, Number($('fault-times').value) || 1);
  const latency = Number($('fault-latency').value) || 0;
  if (latency > 0) rule.latency = latency;
  if ($('fault-session-only').checked) rule.session = state.session;
  return rule;
}

const force = (vendor, operationId, status) => act(async () => {
  const rule = { vendor, operationId, status, ...faultOptions() };
  const { faults } = await call('POST', '/faults', rule);
  const scope = rule.session ? ` in session ${rule.session}` : '';
  const calls = rule.times === undefined ? 'every call' : rule.times === 1 ? 'the next call' : `the next ${rule.times} calls`;
  show(`Fault rule ${faults[0].id}: ${calls} of ${operationId}${scope} will answer ${status}.`);
  await loadFaults();
});

function renderOperations() {
  const filter = $('operation-filter').value.trim().toLowerCase();
  const box = $('vendor-operations');
  box.replaceChildren();
  for (const vendor of state.vendors) {
    const rows = vendor.operations
      .filter((op) => !filter || `${op.operationId} ${op.path} ${op.summary ?? ''} ${op.method}`.toLowerCase().includes(filter))
      .map((op) => el('tr', {},
        el('td', {}, el('strong', {}, op.operationId), el('div', { className: 'mono' }, `${op.method} ${op.path}`), op.summary ? el('div', { className: 'hint' }, op.summary) : undefined),
        el('td', { className: 'status-list' }, op.responses.map((r) => el('span', { title: r.description }, r.status))),
        el('td', {}, forceControls(vendor.name, op))));
    const table = el('table', {}, el('thead', {}, el('tr', {}, ['Operation', 'Documented', 'Force the next call to answer'].map((h) => el('th', {}, h)))), el('tbody', {}, rows));
    box.append(el('details', { open: true }, el('summary', {}, el('h3', {}, `${vendor.name} (${rows.length})`)), table));
  }
}

function forceControls(vendor, op) {
  const buttons = op.errorStatuses.map((status) =>
    el('button', { type: 'button', className: 'force', 'aria-label': `Force ${status} on ${op.operationId}`, title: `Force ${status} on ${op.operationId}`, onclick: force(vendor, op.operationId, status) }, String(status)));
  if (!op.openErrorRange) return buttons;
  // `default`/`4XX`/`5XX` responses document statuses the spec does not list: the engineer names one.
  const input = el('input', { type: 'number', min: 400, max: 599, value: 500, 'aria-label': `Status to force on ${op.operationId}`, className: 'status-input' });
  const other = el('button', { type: 'button', className: 'force', 'aria-label': `Force other status on ${op.operationId}` }, 'Force');
  other.addEventListener('click', (event) => force(vendor, op.operationId, Number(input.value))(event));
  return [...buttons, el('span', { className: 'other-status' }, input, other)];
}

async function loadOperations() {
  state.vendors = (await call('GET', '/operations')).vendors;
  const vendorFilter = $('filter-vendor');
  vendorFilter.replaceChildren(el('option', { value: '' }, 'all'), ...state.vendors.map((v) => el('option', { value: v.name }, v.name)));
  renderOperations();
}

async function loadFaults() {
  const { faults } = await call('GET', '/faults');
  $('faults').replaceChildren(...(faults.length === 0
    ? [el('tr', {}, el('td', { colspan: 6, className: 'hint' }, 'None: every call gets the mock\'s normal answer.'))]
    : faults.map((f) => el('tr', {},
      el('td', { className: 'mono' }, f.id),
      el('td', {}, [f.vendor, f.operationId, f.method, f.path, f.session && `session ${f.session}`].filter(Boolean).join(' · ')),
      el('td', {}, [f.status, f.fault, f.latency && `+${f.latency.min === f.latency.max ? f.latency.min : `${f.latency.min}-${f.latency.max}`} ms`, f.probability !== undefined && `p=${f.probability}`].filter(Boolean).join(' ')),
      el('td', {}, f.times === undefined ? 'until removed' : String(f.times - f.fired)),
      el('td', {}, String(f.fired)),
      el('td', {}, el('button', { type: 'button', 'aria-label': `Remove fault rule ${f.id}`, onclick: act(async () => {
        await call('DELETE', `/faults/${encodeURIComponent(f.id)}`);
        show(`Fault rule ${f.id} removed.`);
        await loadFaults();
      }) }, 'Remove'))))));
}

$('faults-clear').addEventListener('click', act(async () => {
  const { removed } = await call('DELETE', '/faults');
  show(`${removed} fault rule(s) removed.`);
  await loadFaults();
}));

// ---- the journal, live ----

function matchesFilters(entry) {
  const vendor = $('filter-vendor').value;
  const status = $('filter-status').value;
  const session = $('filter-session').value;
  if (vendor && entry.vendor !== vendor) return false;
  if (session && entry.session !== session) return false;
  return !status || String(Math.floor(entry.status / 100)) === status;
}

function journalRow(entry) {
  const time = new Date(entry.at).toLocaleTimeString(undefined, { hour12: false }) + `.${entry.at.slice(20, 23)}`;
  return el('tr', { className: `s${Math.floor(entry.status / 100)}${state.selected === entry.id ? ' selected' : ''}`, 'data-id': entry.id },
    el('td', { className: 'mono' }, time),
    el('td', {}, entry.session),
    el('td', {}, entry.vendor),
    el('td', { className: 'mono' }, entry.method),
    el('td', {}, el('button', { type: 'button', className: 'link mono', 'aria-label': `Open request ${entry.id}: ${entry.method} ${entry.path} ${entry.status || 'dropped'}`, onclick: () => openEntry(entry) }, entry.path)),
    el('td', { className: 'status' }, entry.status === 0 ? 'dropped' : String(entry.status)),
    el('td', {}, String(entry.durationMs)),
    el('td', { className: 'mono' }, (entry.faultIds ?? []).join(', ')));
}

function renderJournal() {
  const rows = state.journal.filter(matchesFilters).map(journalRow);
  $('journal-rows').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 8, className: 'hint' }, 'No requests yet: point a client at this mock and they show here as they arrive.'))]));
}

function addEntry(entry) {
  if (state.journal.some((e) => e.id === entry.id)) return;
  state.journal.unshift(entry);
  if (state.journal.length > JOURNAL_KEEP) state.journal.length = JOURNAL_KEEP;
  noteSession(entry.session);
  if (matchesFilters(entry)) {
    const body = $('journal-rows');
    if (body.querySelector('td[colspan]')) body.replaceChildren();
    body.prepend(journalRow(entry));
  }
  if (entry.faultIds) loadFaults().catch(() => {});
  if (entry.session === state.session && entry.method !== 'GET') scheduleStateReload();
}

const json = (value) => el('pre', {}, typeof value === 'string' ? value : JSON.stringify(value, null, 2));

function openEntry(entry) {
  state.selected = entry.id;
  for (const row of $('journal-rows').children) row.classList.toggle('selected', row.dataset.id === String(entry.id));
  $('detail').hidden = false;
  $('detail-title').textContent = `#${entry.id} ${entry.method} ${entry.path} → ${entry.status === 0 ? 'connection dropped' : entry.status}` +
    `${entry.operationId ? ` (${entry.operationId})` : ''}${entry.faultIds ? `, forced by fault rule ${entry.faultIds.join(', ')}` : ''}`;
  const errors = entry.requestErrors ?? [];
  $('detail-errors').replaceChildren(...(errors.length === 0 ? [] : [
    el('h4', {}, 'Why it was rejected'),
    el('table', { 'aria-label': 'Validation errors' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Location'), el('th', {}, 'JSON pointer'), el('th', {}, 'Message'))),
      el('tbody', {}, errors.map((e) => el('tr', {}, el('td', {}, e.location), el('td', { className: 'mono' }, e.pointer || '(whole)'), el('td', {}, e.message))))),
  ]));
  const pairs = (list) => list.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]);
  $('detail-request').replaceChildren(...pairs([
    ['Time', entry.at], ['Session', entry.session], ['Duration', `${entry.durationMs} ms`],
    ['Query', json(entry.query)], ['Headers (credentials redacted)', json(entry.headers)],
    ['Body', entry.body === undefined ? el('span', { className: 'hint' }, 'none') : json(entry.body)],
  ]));
  const response = entry.response;
  $('detail-response').replaceChildren(...(response === undefined
    ? [el('p', { className: 'hint' }, entry.delivery === 'dropped' ? 'None: the connection was dropped by the fault rule.' : 'Not recorded.')]
    : pairs([
      ['Status', String(response.status)],
      ['Headers', json(response.headers)],
      ['Body', response.body === undefined ? el('span', { className: 'hint' }, 'none') : json(response.body)],
      ...(response.truncated ? [['Note', `Only the start is kept: the body was ${response.truncated.length} characters.`]] : []),
      ...(entry.delivery === 'malformed' ? [['Note', 'The fault rule cut this body in half on purpose.']] : []),
    ])));
}

async function loadJournal() {
  const { requests } = await call('GET', `/requests?limit=${JOURNAL_LOAD}`);
  state.journal = requests;
  for (const entry of requests) noteSession(entry.session);
  renderJournal();
}

/** Reads the server-sent events with fetch (EventSource cannot send the admin token); reconnects when cut. */
async function follow() {
  for (;;) {
    try {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const res = await fetch(`${ADMIN}/events`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (res.status === 401) {
        following = false;
        setLive(false);
        return askForToken('That token was refused.');
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      setLive(true);
      // Anything that arrived while the stream was down.
      await loadJournal();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          if (data) addEntry(JSON.parse(data));
        }
      }
    } catch {
      /* the mock went away or restarted: say so and try again */
    }
    setLive(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function setLive(on) {
  $('live').textContent = on ? 'live' : 'disconnected, retrying…';
  $('live').className = on ? 'live on' : 'live';
}

for (const id of ['filter-vendor', 'filter-status', 'filter-session']) $(id).addEventListener('change', renderJournal);

$('journal-clear').addEventListener('click', act(async () => {
  const session = $('filter-session').value;
  const { cleared } = await call('DELETE', session ? withSession('/requests', session) : '/requests');
  show(`${cleared} journal entr${cleared === 1 ? 'y' : 'ies'} cleared.`);
  await loadJournal();
  $('detail').hidden = true;
}));

// ---- sessions ----

const knownSessions = new Set(['default']);

function noteSession(name) {
  if (knownSessions.has(name)) return;
  knownSessions.add(name);
  renderSessions();
}

function renderSessions() {
  const names = [...knownSessions].sort();
  $('session-list').replaceChildren(...names.map((name) => el('option', { value: name })));
  const filter = $('filter-session');
  const chosen = filter.value;
  filter.replaceChildren(el('option', { value: '' }, 'all'), ...names.map((name) => el('option', { value: name }, name)));
  filter.value = chosen;
}

$('session-form').addEventListener('submit', act(async (event) => {
  event.preventDefault();
  const name = $('session').value.trim() || 'default';
  state.session = name;
  knownSessions.add(name);
  renderSessions();
  $('filter-session').value = name;
  $('fault-session').textContent = name;
  $('fault-session-only').checked = name !== 'default';
  renderJournal();
  await loadState();
  show(`Showing session ${name}. Clients reach it with the header x-attrmock-session: ${name}.`);
}));

// ---- state ----

let stateReload;
function scheduleStateReload() {
  clearTimeout(stateReload);
  stateReload = setTimeout(() => loadState().catch(() => {}), 250);
}

async function loadState() {
  const snapshot = await call('GET', withSession('/state'));
  $('state-session').textContent = state.session;
  $('state-vendors').replaceChildren(...Object.entries(snapshot.vendors).map(([vendor, world]) => vendorState(vendor, world)));
}

/** Every list of records in a vendor's world is a table; whatever else it holds (settings, counters) stays JSON. */
function vendorState(vendor, world) {
  const tables = [];
  const rest = {};
  for (const [name, value] of Object.entries(world ?? {})) {
    // Rows may be records or tuples (Looker keeps user values as [user, attribute, value]).
    if (Array.isArray(value) && value.every((row) => row && typeof row === 'object')) tables.push([name, value]);
    else rest[name] = value;
  }
  return el('details', { open: true }, el('summary', {}, el('h3', {}, vendor)),
    tables.map(([name, rows]) => recordTable(vendor, name, rows)),
    Object.keys(rest).length ? [el('h4', {}, 'Other'), json(rest)] : []);
}

function recordTable(vendor, name, rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value) => (value === undefined ? '' : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  return [
    el('h4', {}, `${name} (${rows.length})`),
    rows.length === 0 ? el('p', { className: 'hint' }, 'none') : el('div', { className: 'records' }, el('table', { 'aria-label': `${vendor} ${name}` },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c)))),
      el('tbody', {}, rows.map((row) => el('tr', {}, columns.map((c) => el('td', {}, cell(row[c])))))))),
  ];
}

async function loadScenarios() {
  const { scenarios } = await call('GET', '/scenarios');
  $('scenario').replaceChildren(...scenarios.map((s) => el('option', { value: s.name, title: s.description ?? s.error ?? '' }, s.name)));
  $('scenario-load').disabled = scenarios.length === 0;
}

$('state-reload').addEventListener('click', act(loadState));

$('state-reset').addEventListener('click', act(async () => {
  await call('POST', withSession('/reset'));
  show(`Session ${state.session} is back to its seeded world, with no fault rules of its own and an empty journal.`);
  await Promise.all([loadState(), loadFaults(), loadJournal()]);
}));

$('scenario-load').addEventListener('click', act(async () => {
  const name = $('scenario').value;
  const answer = await call('POST', withSession(`/scenarios/${encodeURIComponent(name)}`));
  show(`Scenario ${name} loaded into session ${state.session}${answer.faults.length ? ` with ${answer.faults.length} fault rule(s)` : ''}.`);
  await Promise.all([loadState(), loadFaults()]);
}));

$('state-export').addEventListener('click', act(async () => {
  const snapshot = await call('GET', withSession('/state'));
  const url = URL.createObjectURL(new Blob([JSON.stringify(snapshot, null, 2)], { type: 'application/json' }));
  const link = el('a', { href: url, download: `attrmock-state-${state.session}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}));

$('state-import').addEventListener('change', act(async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  let snapshot;
  try {
    snapshot = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not JSON: import takes a file that Export state made`);
  } finally {
    event.target.value = '';
  }
  const { imported } = await call('PUT', withSession('/state'), snapshot);
  show(`Imported ${imported.join(', ')} into session ${state.session}.`);
  await loadState();
}));

// ---- start ----

$('operation-filter').addEventListener('input', renderOperations);
$('fault-forever').addEventListener('change', () => { $('fault-times').disabled = $('fault-forever').checked; });

let following = false;
async function start() {
  const config = await fetch('config.json').then((res) => res.json());
  if (config.tokenRequired && !sessionStorage.getItem(TOKEN_KEY)) return askForToken('');
  await loadOperations();
  const { sessions } = await call('GET', '/sessions');
  for (const { session } of sessions) knownSessions.add(session);
  renderSessions();
  await Promise.all([loadFaults(), loadJournal(), loadState(), loadScenarios()]);
  if (!following) {
    following = true;
    void follow();
  }
}

act(start)();
