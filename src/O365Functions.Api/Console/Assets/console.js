// The operations console: reads the gateway's console routes with the admin key and renders each page from data.
// Text from the gateway is only ever set as text, never as markup.

const keyHeader = 'X-Gateway-Admin-Key';
const refreshMs = 3000;
const pages = { instances: renderInstances, operations: renderOperations, tenants: renderTenants, webhooks: renderWebhooks, controls: renderControls };
const state = { key: sessionStorage.getItem('adminKey'), instances: [], instance: null, cursors: { operations: [null], tenants: [null], webhooks: [null] }, filters: { resource: '', status: '', day: '' } };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), event => Promise.resolve(value(event)).catch(failed));
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function say(message) { document.getElementById('status').textContent = message; }

function when(value) { return value ? new Date(value).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—'; }

function age(value) {
  if (!value) return '—';
  const minutes = Math.round((Date.now() - new Date(value)) / 60000);
  return minutes < 120 ? `${minutes} min ago` : minutes < 2880 ? `${Math.round(minutes / 60)} h ago` : `${Math.round(minutes / 1440)} days ago`;
}

function badge(word) { return el('span', { class: `badge ${word}` }, word); }

class SignInNeeded extends Error {}

function failed(error) {
  if (error instanceof SignInNeeded) show();
  else say(error.message);
}

async function api(path, method = 'GET') {
  // Without a key, an Entra session is tried once per page load: each refusal counts against this address.
  if (!state.key && (!state.entra || state.entraRefused)) throw new SignInNeeded();
  const headers = state.key ? { [keyHeader]: state.key, Accept: 'application/json' } : { Accept: 'application/json' };
  const response = await fetch(path, { method, headers });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (response.status === 401) {
    if (state.key) say('The gateway refused that admin key: sign in again.');
    state.entraRefused = !state.key;
    sessionStorage.removeItem('adminKey');
    state.key = null;
    throw new SignInNeeded();
  }
  if (response.status >= 400) throw new Error(body?.message ?? `The gateway answered ${response.status}.`);
  return { status: response.status, body };
}

function query(path, parameters) {
  const search = new URLSearchParams(Object.entries(parameters).filter(([, value]) => value));
  return search.size ? `${path}?${search}` : path;
}

function table(caption, headings, rows, empty) {
  if (!rows.length) return el('p', { class: 'muted' }, empty);
  return el('table', {}, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

function pager(list, next, reload) {
  const cursors = state.cursors[list];
  return el('div', { class: 'pager' },
    el('button', { type: 'button', class: 'secondary', 'data-key': `${list}-previous`, disabled: cursors.length < 2, onclick: () => { cursors.pop(); reload(); } }, 'Previous page'),
    el('button', { type: 'button', class: 'secondary', 'data-key': `${list}-next`, disabled: !next, onclick: () => { cursors.push(next); reload(); } }, 'Next page'));
}

function instancePicker(onchange) {
  return el('div', {}, el('label', { for: 'instance' }, 'Instance'),
    el('select', { id: 'instance', onchange: event => { state.instance = event.target.value; onchange(); } },
      state.instances.map(i => el('option', { value: i.instanceId, selected: i.instanceId === state.instance }, i.instanceId))));
}

async function loadOverview() {
  const { body } = await api('/console/api/instances');
  state.instances = body.instances;
  if (!state.instance || !body.instances.some(i => i.instanceId === state.instance)) state.instance = body.instances[0]?.instanceId ?? null;
  const line = document.getElementById('switch');
  line.textContent = body.paused ? `Provisioning paused since ${when(body.pausedSince)}${body.pausedReason ? `: ${body.pausedReason}` : ''}` : 'Provisioning running';
  line.className = body.paused ? 'switch paused' : 'switch';
  return body;
}

async function renderInstances() {
  const overview = await loadOverview();
  const rows = overview.instances.map(i => el('tr', {},
    el('th', { scope: 'row' }, i.instanceId),
    el('td', {}, badge(i.tokenStatus), i.tokenDetail ? el('div', { class: 'muted' }, i.tokenDetail) : null),
    el('td', {}, age(i.lastKeepAlive), el('div', { class: 'muted' }, when(i.lastKeepAlive))),
    el('td', {}, age(i.lastRotated)),
    el('td', {}, i.catalogSync ? [badge(i.catalogSync.status), ' ', when(i.catalogSync.at)] : 'not in the last two days'),
    el('td', {}, String(i.pendingOperations)),
    el('td', {},
      el('button', { type: 'button', 'data-key': `consent-${i.instanceId}`, onclick: () => consentLink(i.instanceId) }, 'Consent link'), ' ',
      el('button', { type: 'button', class: 'secondary', 'data-key': `verify-${i.instanceId}`, onclick: () => verify(i.instanceId) }, 'Verify now'),
      el('div', { id: `consent-link-${i.instanceId}` }))));
  return el('section', { 'aria-labelledby': 'heading' }, el('h2', { id: 'heading' }, 'Instances'),
    table('APS instances, their consent and pending work', ['Instance', 'Consent', 'Last keep-alive', 'Token rotated', 'Catalog sync', 'Pending', 'Actions'], rows,
      'No APS instance is installed yet.'));
}

async function consentLink(instanceId) {
  const { body } = await api(query('/console/api/instances/consent', { instance: instanceId }), 'POST');
  state.consentLinks = { ...state.consentLinks, [instanceId]: body.url };
  say(`A consent link for ${instanceId} is ready: the partner's admin opens it once.`);
  await show();
}

async function verify(instanceId) {
  await api(query('/console/api/instances/verify', { instance: instanceId }), 'POST');
  say(`Verifying the consent of ${instanceId} with Microsoft; the status updates when the exchange is done.`);
}

async function renderOperations() {
  if (!state.instances.length) await loadOverview();
  const cursor = state.cursors.operations.at(-1);
  const { body } = state.instance
    ? await api(query('/console/api/operations', { instance: state.instance, resource: state.filters.resource, status: state.filters.status, next: cursor }))
    : { body: { items: [], next: null } };
  const reload = () => show();
  const filters = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter operations', onsubmit: event => {
    event.preventDefault();
    state.filters.resource = event.target.resource.value.trim();
    state.filters.status = event.target.status.value;
    state.cursors.operations = [null];
    reload();
  } },
    instancePicker(() => { state.cursors.operations = [null]; reload(); }),
    // Edits go to the state as they are made, so a refresh that redraws the form never undoes one not yet applied.
    el('div', {}, el('label', { for: 'resource' }, 'Tenant or resource id'),
      el('input', { id: 'resource', name: 'resource', value: state.filters.resource, oninput: event => { state.filters.resource = event.target.value.trim(); } })),
    el('div', {}, el('label', { for: 'status-filter' }, 'Status'),
      el('select', { id: 'status-filter', name: 'status', onchange: event => { state.filters.status = event.target.value; } },
        ['', 'waiting', 'pending', 'running', 'failed', 'terminated', 'completed'].map(s => el('option', { value: s, selected: s === state.filters.status }, s || 'any')))),
    el('button', { type: 'submit' }, 'Apply'));
  const rows = body.items.map(o => el('tr', { 'data-resource': o.resourceId },
    el('th', { scope: 'row' }, o.resourceId),
    operationCells(o, o.resourceId),
    el('td', {},
      el('button', { type: 'button', class: 'secondary', 'data-key': `history-${o.resourceId}`, onclick: () => { state.history = o.resourceId; show(); } }, 'History'), ' ',
      ['failed', 'terminated'].includes(o.status)
        ? el('button', { type: 'button', 'data-key': `retry-${o.resourceId}`, onclick: () => retry(o.resourceId) }, 'Retry')
        : null)));
  return el('section', { 'aria-labelledby': 'heading' }, el('h2', { id: 'heading' }, 'Operations'), filters,
    table('Each resource\'s last operation', ['Resource', 'Operation', 'Status', 'Step', 'Started', 'Error', 'Trace', 'Actions'], rows, 'No operation matches.'),
    pager('operations', body.next, reload),
    state.history ? await renderHistory(state.history) : null,
    state.trace ? await renderTrace(state.trace) : null);
}

// The cells an operation has wherever it is listed: what, status, step, when, Microsoft's answer, trace.
function operationCells(o, key) {
  return [
    el('td', {}, o.kind, o.generation > 1 ? el('div', { class: 'muted' }, `attempt ${o.generation}`) : null),
    el('td', {}, badge(o.status)),
    el('td', {}, o.step ?? '—', o.totalSteps ? el('div', { class: 'muted' }, `${o.completedSteps} of ${o.totalSteps} steps done`) : null),
    el('td', {}, when(o.startedAt), el('div', { class: 'muted' }, `moved ${age(o.updatedAt)}`)),
    el('td', { class: 'error' }, o.error ?? ''),
    el('td', {}, o.traceId
      ? el('button', { type: 'button', class: 'secondary', 'data-key': `trace-${key}`, title: o.traceId, onclick: () => { state.trace = o.traceId; show(); } },
        `Show trace ${o.traceId.slice(0, 8)}`)
      : '—'),
  ];
}

async function renderHistory(resourceId) {
  const { body } = await api(query('/console/api/operations/history', { instance: state.instance, resource: resourceId }));
  const rows = body.items.map(o => el('tr', { 'data-workflow': o.workflowInstanceId },
    el('th', { scope: 'row' }, el('code', {}, o.workflowInstanceId)),
    operationCells(o, o.workflowInstanceId)));
  return el('section', { 'aria-labelledby': 'history-heading', class: 'history' },
    el('h3', { id: 'history-heading' }, `Operations of ${resourceId}`),
    el('button', { type: 'button', class: 'secondary', 'data-key': 'close-history', onclick: () => { state.history = null; show(); } }, 'Close history'),
    table('Every operation of the resource, newest first', ['Operation id', 'Operation', 'Status', 'Step', 'Started', 'Error', 'Trace'], rows, 'No operation yet.'));
}

async function renderTrace(traceId) {
  const { body } = await api(query('/console/api/trace', { id: traceId }));
  const depth = new Map();
  const ids = new Set(body.spans.map(s => s.spanId));
  const rows = body.spans.map(s => {
    const level = s.parentSpanId && ids.has(s.parentSpanId) ? (depth.get(s.parentSpanId) ?? 0) + 1 : 0;
    depth.set(s.spanId, level);
    const facts = Object.entries(s.tags).map(([name, value]) => `${name}=${value}`).join(' ');
    return el('tr', {},
      el('th', { scope: 'row', 'data-depth': level }, '\u2003'.repeat(level), s.name),
      el('td', {}, when(s.start)),
      el('td', {}, `${s.durationMilliseconds.toFixed(1)} ms`),
      el('td', { class: s.error ? 'error' : null }, s.error ?? 'ok'),
      el('td', {}, el('code', {}, facts)));
  });
  return el('section', { 'aria-labelledby': 'trace-heading', class: 'trace' },
    el('h3', { id: 'trace-heading' }, `Trace ${traceId}`),
    el('button', { type: 'button', class: 'secondary', 'data-key': 'close-trace', onclick: () => { state.trace = null; show(); } }, 'Close trace'),
    body.recording
      ? table('Spans this gateway still holds, oldest first', ['Span', 'Started', 'Took', 'Outcome', 'Ids'], rows,
        'This gateway holds no span of the trace any more (it keeps the last few thousand); an OpenTelemetry exporter keeps them all.')
      : el('p', {}, 'Spans are not recorded here (Telemetry:RecentSpans is 0); an OpenTelemetry exporter shows them.'));
}

async function retry(resourceId) {
  const { body } = await api(query('/console/api/operations/retry', { instance: state.instance, resource: resourceId }), 'POST');
  say(body.message);
  await show();
}

async function renderTenants() {
  if (!state.instances.length) await loadOverview();
  const cursor = state.cursors.tenants.at(-1);
  const { body } = state.instance ? await api(query('/console/api/tenants', { instance: state.instance, next: cursor })) : { body: { items: [], next: null } };
  const reload = () => show();
  const rows = body.items.map(({ tenant, assigned, reconciliation }) => el('tr', {},
    el('th', { scope: 'row' }, tenant.companyName, el('div', { class: 'muted' }, tenant.apsId)),
    el('td', {}, tenant.initialDomain ?? '—', el('div', { class: 'muted' }, tenant.microsoftTenantId ?? 'no customer yet')),
    el('td', {}, badge(tenant.status), tenant.statusMessage ? el('div', { class: 'muted' }, tenant.statusMessage) : null),
    el('td', {}, el('ul', { class: 'plain' }, tenant.subscriptions.map(s =>
      el('li', {}, `${s.provisioningId}: ${s.quantity} seat${s.quantity === 1 ? '' : 's'} bought, ${assigned[s.provisioningId] ?? 0} assigned, ${s.status}`, tenant.seatLimits?.[s.provisioningId] !== undefined ? ` (limit ${tenant.seatLimits[s.provisioningId]})` : ''))))
    ,
    el('td', {}, reconciliation ? [when(reconciliation.at), el('div', {}, reconciliation.summary),
      el('ul', { class: 'plain' }, reconciliation.findings.map(f => el('li', {}, `${f.provisioningId ?? f.subscriptionId}: ${f.what} (${f.action})`)))] : 'not yet')));
  return el('section', { 'aria-labelledby': 'heading' }, el('h2', { id: 'heading' }, 'Tenants'),
    el('form', { class: 'filters', 'aria-label': 'Choose the instance', onsubmit: event => event.preventDefault() }, instancePicker(() => { state.cursors.tenants = [null]; reload(); })),
    table('Tenants with their subscriptions', ['Tenant', 'Domain', 'Status', 'Subscriptions', 'Last reconciliation'], rows, 'No tenant of this instance exists at Microsoft yet.'),
    pager('tenants', body.next, reload));
}

async function renderWebhooks() {
  const day = state.filters.day || new Date().toISOString().slice(0, 10);
  const { body } = await api(query('/console/api/webhooks', { day, next: state.cursors.webhooks.at(-1) }));
  const reload = () => show();
  const rows = body.items.map(w => el('tr', {},
    el('td', {}, when(w.receivedAt)), el('th', { scope: 'row' }, w.eventName), el('td', {}, w.resourceUri), el('td', {}, w.processing),
    el('td', {}, el('code', {}, w.eventId.slice(0, 16)))));
  const refused = body.refused.map(r => el('tr', {}, el('td', {}, when(r.at)), el('th', { scope: 'row' }, r.code), el('td', {}, r.reason)));
  return el('section', { 'aria-labelledby': 'heading' }, el('h2', { id: 'heading' }, 'Webhooks'),
    el('form', { class: 'filters', 'aria-label': 'Choose the day', onsubmit: event => {
      event.preventDefault();
      state.filters.day = event.target.day.value;
      state.cursors.webhooks = [null];
      reload();
    } },
      el('div', {}, el('label', { for: 'day' }, 'Day (UTC)'), el('input', { id: 'day', name: 'day', type: 'date', value: day, onchange: event => { state.filters.day = event.target.value; } })),
      el('button', { type: 'submit' }, 'Show')),
    el('p', { class: 'muted' }, 'Partner Center events whose signature was verified, by the day of the change they report, each processed once.'),
    table(`Verified events of changes on ${day}`, ['Received', 'Event', 'Resource', 'Processing', 'Event id'], rows, 'No verified event reports a change on that day.'),
    pager('webhooks', body.next, reload),
    el('h3', {}, 'Refused lately'),
    table('Callbacks this gateway process refused, newest first', ['When', 'Answer', 'Why'], refused, 'No callback was refused since this process started.'));
}

async function renderControls() {
  const overview = await loadOverview();
  const control = async (path, done) => {
    const { status, body } = await api(path, 'POST');
    say(done(status, body));
    await show();
  };
  return el('section', { 'aria-labelledby': 'heading' }, el('h2', { id: 'heading' }, 'Controls'),
    el('p', {}, overview.paused ? 'Provisioning is paused.' : 'Provisioning is running.'),
    el('dl', { class: 'controls' },
      el('dt', {}, el('label', { for: 'reason' }, 'Pause')),
      el('dd', {}, el('p', {}, 'New APS work is accepted with 202 and waits; nothing new starts at Microsoft. Work already running goes on.'),
        el('input', { id: 'reason', placeholder: 'reason (shown to operators)', value: state.reason ?? '', oninput: event => { state.reason = event.target.value; } }), ' ',
        el('button', { type: 'button', 'data-key': 'pause', disabled: overview.paused, onclick: () => control(query('/operations/pause', { reason: state.reason }), () => 'Provisioning is paused.') }, 'Pause')),
      el('dt', {}, 'Resume'),
      el('dd', {}, el('p', {}, 'Waiting work starts at the controller\'s next poll.'),
        el('button', { type: 'button', 'data-key': 'resume', disabled: !overview.paused, onclick: () => control('/operations/resume', () => 'Provisioning resumed.') }, 'Resume')),
      el('dt', {}, 'Drain'),
      el('dd', {}, el('p', {}, 'Waits up to 30 seconds for every running workflow to finish, then says how many still run. Pause first to stop new ones before an upgrade.'),
        el('button', { type: 'button', 'data-key': 'drain', onclick: () => control('/operations/drain?timeoutSeconds=30', (status, body) =>
          status === 200 ? 'Drained: no workflow runs.' : `${body.running} workflows still run.`) }, 'Drain'))));
}

async function show() {
  const name = Object.hasOwn(pages, location.hash.slice(1)) ? location.hash.slice(1) : 'instances';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  const signIn = document.getElementById('sign-in');
  const target = document.getElementById('page');
  try {
    const focused = document.activeElement?.dataset?.key ?? document.activeElement?.id;
    const content = await pages[name]();
    signIn.hidden = true;
    target.replaceChildren(content);
    if (name === 'instances') {
      for (const [instanceId, url] of Object.entries(state.consentLinks ?? {})) {
        document.getElementById(`consent-link-${instanceId}`)?.replaceChildren(el('a', { href: url, rel: 'noreferrer' }, 'Open the consent page'));
      }
    }
    const again = focused && (target.querySelector(`[data-key="${CSS.escape(focused)}"]`) ?? document.getElementById(focused));
    if (again && !again.disabled) again.focus();
  } catch (error) {
    if (error instanceof SignInNeeded) {
      target.replaceChildren();
      signIn.hidden = false;
      document.getElementById('admin-key').focus();
    } else {
      say(error.message);
    }
  }
}

document.getElementById('sign-in').addEventListener('submit', event => {
  event.preventDefault();
  state.key = document.getElementById('admin-key').value;
  sessionStorage.setItem('adminKey', state.key);
  say('');
  show();
});
// Where App Service authentication (Entra ID) fronts the gateway, the sign-in offers it beside the admin key.
async function offerEntraSignIn() {
  const response = await fetch('/console/api/session', { headers: { Accept: 'application/json' } });
  const session = response.ok ? await response.json() : {};
  if (!session.entraSignIn) return;
  state.entra = true;
  document.getElementById('sign-in').append(el('p', {}, el('a', { href: session.entraSignIn }, 'Sign in with Microsoft Entra ID')));
}

window.addEventListener('hashchange', () => { show(); document.getElementById('main').focus(); });
setInterval(() => {
  const typing = document.activeElement?.matches?.('input, select');
  const signedIn = state.key || (state.entra && !state.entraRefused);
  if (signedIn && document.visibilityState === 'visible' && !typing) show();
}, refreshMs);
offerEntraSignIn().finally(show);
