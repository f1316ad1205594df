// Archive web page: plain DOM, relative API URLs (so /archive/ behind the proxy calls /archive/api/...),
// every piece of data written with textContent, never as HTML.
'use strict';
(function () {
  const TOKEN_KEY = 'archive.token';
  const PAGE_SIZE = 25;
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
  const $ = (id) => document.getElementById(id);
  // generation: a newer refresh (e.g. after a token was pasted) wins over answers still on their way.
  const state = { query: null, offset: 0, total: 0, exact: true, isAdmin: false, job: null, generation: 0 };

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    });
    children.forEach((c) => node.append(c));
    return node;
  }
  function cell(text, className) { return el('td', { text: text == null ? '' : String(text), className: className || '' }); }
  function formatMoney(value) { return value == null || value === '' ? '–' : money.format(Number(value)); }
  function period(year, month) { return year + '-' + String(month).padStart(2, '0'); }
  function when(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
  }
  function status(text, isError) {
    const s = $('status');
    s.textContent = text || '';
    s.className = 'status' + (isError ? ' error' : '');
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  async function api(path, options) {
    const headers = new Headers({ Accept: 'application/json' });
    const t = token();
    if (t) headers.set('Authorization', 'Bearer ' + t);
    return fetch(path, Object.assign({ headers: headers, credentials: 'same-origin' }, options || {}));
  }
  async function problem(res) {
    let detail = res.status + ' ' + res.statusText;
    try {
      const body = await res.json();
      if (body.errors && body.errors.length) detail = body.errors.map((e) => e.field + ': ' + e.message).join('; ');
      else if (body.detail || body.error) detail = body.detail || body.error;
    } catch (e) { /* not JSON */ }
    if (res.status === 401) return 'Not signed in: ' + detail + '. Sign in through Nexus, or (dev) paste a token under "Developer token".';
    if (res.status === 403) return 'Not allowed: ' + detail;
    return detail;
  }
  async function getJson(path) {
    const res = await api(path);
    if (!res.ok) { const e = new Error(await problem(res)); e.status = res.status; throw e; }
    return res.json();
  }
  function fill(tbody, rows, columns, empty) {
    tbody.replaceChildren();
    if (!rows.length) {
      tbody.append(el('tr', {}, el('td', { colspan: String(columns), text: empty })));
    }
    rows.forEach((r) => tbody.append(r));
    labelCells(tbody);
  }
  // On a narrow screen the rows are shown as cards (app.css): each cell names its column in data-label.
  // The explicit roles keep them a table for screen readers once CSS makes them blocks.
  function labelCells(tbody) {
    const names = Array.from(tbody.parentElement.tHead.rows[0].cells, (th) => th.textContent.trim());
    Array.from(tbody.rows).forEach((tr) => {
      tr.setAttribute('role', 'row');
      Array.from(tr.cells).forEach((td, i) => {
        td.setAttribute('role', 'cell');
        if (!td.hasAttribute('colspan') && !td.classList.contains('actions-cell')) td.setAttribute('data-label', names[i]);
      });
    });
  }
  function tableRoles() {
    document.querySelectorAll('table.data').forEach((table) => {
      table.setAttribute('role', 'table');
      table.querySelectorAll('thead, tbody').forEach((g) => g.setAttribute('role', 'rowgroup'));
      table.querySelectorAll('thead tr').forEach((tr) => tr.setAttribute('role', 'row'));
      table.querySelectorAll('thead th').forEach((th) => th.setAttribute('role', 'columnheader'));
    });
  }
  // The token box shows where the service asks for a token (dev) or one is in use; behind the proxy it stays away.
  function tokenBox(unauthorized) {
    const box = $('token-box');
    box.hidden = !(unauthorized || token());
    if (unauthorized) box.open = true;
  }
  function snapshotActions(invoice) {
    const td = el('td', { className: 'actions-cell' });
    td.append(el('a', { href: '#/snapshot/' + encodeURIComponent(invoice), className: 'button small',
      'aria-label': 'View ' + invoice, text: 'View' }));
    td.append(csvLink(invoice, 'button small secondary', 'Download CSV of ' + invoice));
    return td;
  }

  // The CSV link works as a plain link behind the proxy (which adds the token); with a pasted token the
  // page fetches the file itself, since a link cannot carry an Authorization header.
  function csvLink(invoice, className, label) {
    const a = el('a', { href: 'api/snapshot/' + encodeURIComponent(invoice) + '/csv', download: invoice + '.csv',
      className: className, text: 'Download CSV' });
    if (label) a.setAttribute('aria-label', label);
    a.addEventListener('click', (event) => {
      if (!token()) return;
      event.preventDefault();
      downloadWithToken(a.getAttribute('href'), invoice);
    });
    return a;
  }
  async function downloadWithToken(href, invoice) {
    try {
      const res = await api(href, { headers: new Headers({ Authorization: 'Bearer ' + token(), Accept: 'text/csv' }) });
      if (!res.ok) { status(await problem(res), true); return; }
      const match = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
      const url = URL.createObjectURL(await res.blob());
      const a = el('a', { href: url, download: match ? match[1] : invoice + '.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status('Downloaded the CSV of ' + invoice + '.');
    } catch (e) { status('Download failed: ' + e.message, true); }
  }

  // ---- home: totals, scheduler, latest ----
  async function loadOverview(gen) {
    const current = () => gen === state.generation;
    try {
      const totals = await getJson('api/snapshots/totals');
      if (!current()) return;
      tokenBox(false);
      $('stat-snapshots').textContent = number.format(totals.snapshots);
      $('stat-companies').textContent = number.format(totals.companies);
    } catch (e) {
      if (!current()) return;
      $('stat-snapshots').textContent = '–';
      $('stat-companies').textContent = '–';
      if (e.status === 401) status(e.message, true);
      tokenBox(e.status === 401);
    }
    try {
      const cfg = (await getJson('api/scheduler/config')).config;
      if (!current()) return;
      state.isAdmin = true;
      $('stat-scheduler').textContent = cfg.enabled ? 'Enabled' : 'Disabled';
      $('stat-next-run').textContent = cfg.enabled && cfg.next_run_at ? cfg.next_run_at.replace('T', ' ') + ' (' + cfg.timezone + ')' : '–';
    } catch (e) {
      if (!current()) return;
      state.isAdmin = false;
      $('stat-scheduler').textContent = e.status === 403 ? 'Visible to admins' : '–';
      $('stat-next-run').textContent = '–';
    }
    try {
      const latest = await getJson('api/snapshots/search?limit=5');
      if (!current()) return;
      fill($('latest-table').tBodies[0], latest.results.map((s) => el('tr', {},
        cell(s.invoice_number), cell(s.company_name), cell(period(s.billing_year, s.billing_month)),
        cell(formatMoney(s.total_amount), 'num'), cell(when(s.archived_at)), snapshotActions(s.invoice_number))),
        6, 'No snapshots archived yet.');
    } catch (e) { if (current()) fill($('latest-table').tBodies[0], [], 6, e.message); }
  }

  // ---- search ----
  function searchQuery() {
    const params = new URLSearchParams();
    new FormData($('search-form')).forEach((value, key) => {
      const v = String(value).trim();
      if (v) params.set(key, v);
    });
    return params;
  }
  async function runSearch(offset) {
    const params = new URLSearchParams(state.query);
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String(offset));
    $('search-button').disabled = true;
    try {
      const page = await getJson('api/snapshots/search?' + params.toString());
      state.offset = page.offset;
      state.total = page.total;
      state.exact = page.total_relation === 'eq';
      $('results').hidden = false;
      fill($('results-table').tBodies[0], page.results.map((s) => el('tr', {},
        cell(s.invoice_number), cell(s.company_name), cell(s.company_account_number),
        cell(period(s.billing_year, s.billing_month)), cell(s.invoice_date), cell(formatMoney(s.total_amount), 'num'),
        snapshotActions(s.invoice_number))), 7, 'No bills match.');
      const first = page.results.length ? page.offset + 1 : 0;
      const last = page.offset + page.results.length;
      const of = (state.exact ? '' : 'at least ') + number.format(page.total);
      $('results-h').textContent = page.results.length ? 'Results ' + first + '–' + last + ' of ' + of : 'No bills match';
      $('page-info').textContent = 'Page ' + (Math.floor(page.offset / PAGE_SIZE) + 1);
      $('prev-page').disabled = page.offset === 0;
      $('next-page').disabled = page.next_cursor == null && last >= page.total;
      status('');
    } catch (e) { status(e.message, true); } finally { $('search-button').disabled = false; }
  }

  // ---- one snapshot ----
  function defs(dl, pairs) {
    dl.replaceChildren();
    pairs.forEach(([label, value, isNum]) => {
      dl.append(el('dt', { text: label }), el('dd', { text: value == null || value === '' ? '–' : String(value), className: isNum ? 'num' : '' }));
    });
  }
  // Where the bill stands in the transparency log: a leaf of the latest signed checkpoint, or not yet.
  async function logStatus(invoice, shown) {
    let text;
    try {
      const res = await api('api/audit/proof/' + encodeURIComponent(invoice));
      if (res.ok) {
        const p = await res.json();
        text = 'Leaf ' + number.format(p.leaf_index) + ' of the signed checkpoint of ' + number.format(p.tree_size)
          + ' bills (root ' + p.root_hash.slice(0, 12) + '…)';
      } else if (res.status === 409) {
        text = 'Not yet in a signed checkpoint (one follows within a minute of sealing)';
      } else if (res.status === 404) {
        text = 'No signed checkpoint yet';
      } else {
        text = await problem(res);
      }
    } catch (e) { text = e.message; }
    if (state.snapshotShown !== shown) return; // another bill is on screen by now
    $('snapshot-header').append(el('dt', { text: 'Transparency log' }), el('dd', { text: text, id: 'log-status' }));
  }
  async function showSnapshot(invoice) {
    const shown = state.snapshotShown = (state.snapshotShown || 0) + 1;
    $('home-view').hidden = true;
    $('snapshot-view').hidden = false;
    $('snapshot-h').textContent = 'Bill ' + invoice;
    $('snapshot-header').replaceChildren();
    $('snapshot-totals').replaceChildren();
    $('line-items').tBodies[0].replaceChildren();
    $('raw-json').textContent = '';
    const link = csvLink(invoice, 'button', null);
    link.id = 'csv-link';
    $('csv-link').replaceWith(link);
    try {
      const res = await api('api/snapshot/' + encodeURIComponent(invoice));
      if (!res.ok) throw new Error(await problem(res));
      const text = await res.text();
      const s = JSON.parse(text);
      $('snapshot-h').textContent = s.company_name + ' – ' + period(s.billing_year, s.billing_month);
      defs($('snapshot-header'), [
        ['Invoice number', s.invoice_number], ['Company', s.company_name], ['Account number', s.company_account_number],
        ['Billing period', period(s.billing_year, s.billing_month)], ['Invoice date', s.invoice_date],
        ['Due date', s.due_date], ['Billing plan', s.billing_plan], ['Contract term', s.contract_term],
        ['Support level', s.support_level], ['Archived', when(s.archived_at)], ['Archived by', s.created_by],
        ['Submitted by', s.submitted_by],
        ['Notes', s.notes], ['Content SHA-256', s.content_sha256]]);
      logStatus(invoice, shown);
      defs($('snapshot-totals'), [
        ['Total amount', formatMoney(s.total_amount), true], ['User charges', formatMoney(s.total_user_charges), true],
        ['Asset charges', formatMoney(s.total_asset_charges), true], ['Backup charges', formatMoney(s.total_backup_charges), true],
        ['Ticket charges', formatMoney(s.total_ticket_charges), true], ['Line item charges', formatMoney(s.total_line_item_charges), true],
        ['Users', s.user_count, true], ['Assets', s.asset_count, true], ['Billable hours', s.billable_hours, true]]);
      fill($('line-items').tBodies[0], (s.line_items || []).map((i) => el('tr', {},
        cell(i.line_type), cell(i.item_name), cell(i.description), cell(i.quantity == null ? '' : number.format(i.quantity), 'num'),
        cell(formatMoney(i.rate), 'num'), cell(formatMoney(i.amount), 'num'))), 6, 'No line items.');
      $('raw-json').textContent = text; // exactly as served: the stored digits, not re-formatted numbers
      document.title = 'Bill ' + invoice + ' – Archive';
      status('');
    } catch (e) { status(e.message, true); }
    $('snapshot-h').focus();
  }

  // ---- jobs ----
  async function loadJobs(gen) {
    try {
      const body = await getJson('api/scheduler/jobs?limit=20');
      if (gen !== state.generation) return;
      fill($('jobs-table').tBodies[0], body.jobs.map((j) => {
        const button = el('button', { type: 'button', className: 'small secondary', text: 'Outcomes',
          'aria-label': 'Outcomes of the ' + j.job_type + ' job for ' + period(j.target_year, j.target_month) });
        button.addEventListener('click', () => showJob(j.id));
        const row = el('tr', { 'data-job': j.id }, cell(when(j.started_at)), cell(j.job_type),
          cell(period(j.target_year, j.target_month)), cell(j.status, statusClass(j.status)), cell(j.success_count, 'num'),
          cell(j.failed_count, 'num'), cell(j.total_companies, 'num'), el('td', { className: 'actions-cell' }, button));
        return row;
      }), 8, 'No jobs have run yet.');
    } catch (e) { if (gen === state.generation) fill($('jobs-table').tBodies[0], [], 8, e.message); }
  }
  function statusClass(s) { return s === 'completed' ? 'ok' : (s === 'failed' || s === 'partial') ? 'bad' : ''; }
  async function showJob(id) {
    try {
      const j = await getJson('api/scheduler/jobs/' + encodeURIComponent(id));
      state.job = j;
      document.querySelectorAll('#jobs-table tr.selected').forEach((r) => r.classList.remove('selected'));
      const row = document.querySelector('#jobs-table tr[data-job="' + CSS.escape(id) + '"]');
      if (row) row.classList.add('selected');
      $('job-detail').hidden = false;
      $('job-detail-h').textContent = 'Job ' + j.job_type + ' ' + period(j.target_year, j.target_month) + ': ' + j.status
        + ' (' + j.success_count + ' succeeded, ' + j.failed_count + ' failed)';
      $('job-error').hidden = !j.error;
      $('job-error').textContent = j.error || '';
      $('retry-button').hidden = !(state.isAdmin && j.status !== 'running' && (j.failed_count > 0 || j.status === 'failed'));
      fill($('job-companies').tBodies[0], (j.companies || []).map((c) => el('tr', {},
        cell(c.account_number), cell(c.company_name), cell(c.success ? 'Succeeded' : 'Failed', c.success ? 'ok' : 'bad'),
        cell(c.http_status, 'num'), cell(c.attempts, 'num'), cell(c.invoice_number), cell(c.detail))),
        7, 'No per-company results.');
      $('job-detail-h').focus();
    } catch (e) { status(e.message, true); }
  }
  async function retryJob() {
    if (!state.job) return;
    $('retry-button').disabled = true;
    try {
      const res = await api('api/scheduler/jobs/' + encodeURIComponent(state.job.id) + '/retry', { method: 'POST' });
      if (!res.ok) { status(await problem(res), true); return; }
      const body = await res.json();
      status('Retry started as job ' + body.job_id + '.');
      await loadJobs(state.generation);
    } catch (e) { status(e.message, true); } finally { $('retry-button').disabled = false; }
  }

  // ---- navigation ----
  function route() {
    const m = /^#\/snapshot\/(.+)$/.exec(location.hash);
    if (m) { showSnapshot(decodeURIComponent(m[1])); return; }
    $('snapshot-view').hidden = true;
    $('home-view').hidden = false;
    document.title = 'Archive – historical bills';
    // Back from a bill: the search and its page are still there; put the keyboard back at the results.
    if (!$('results').hidden && document.activeElement === $('back-link')) $('results-h').focus();
  }
  function refreshAll() {
    const gen = ++state.generation;
    loadOverview(gen).then(() => loadJobs(gen));
    if (state.query) runSearch(state.offset);
    route();
  }

  document.addEventListener('DOMContentLoaded', () => {
    tableRoles();
    const month = $('f-month');
    for (let i = 1; i <= 12; i++) {
      month.append(el('option', { value: String(i),
        text: new Date(2000, i - 1, 1).toLocaleString('en-US', { month: 'long' }) }));
    }
    $('token').value = token() ? '••••••••' : '';
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
      if (value && value !== '••••••••') sessionStorage.setItem(TOKEN_KEY, value);
      $('token').value = token() ? '••••••••' : '';
      status(token() ? 'Token saved for this tab.' : 'No token set.');
      refreshAll();
    });
    $('token-clear').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      $('token').value = '';
      status('Token forgotten.');
      refreshAll();
    });
    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      state.query = searchQuery();
      runSearch(0);
    });
    $('search-form').addEventListener('reset', () => { $('results').hidden = true; state.query = null; });
    $('prev-page').addEventListener('click', () => runSearch(Math.max(0, state.offset - PAGE_SIZE)));
    $('next-page').addEventListener('click', () => runSearch(state.offset + PAGE_SIZE));
    $('retry-button').addEventListener('click', retryJob);
    $('home-link').addEventListener('click', (event) => { event.preventDefault(); location.hash = ''; });
    window.addEventListener('hashchange', route);
    refreshAll();
  });
})();
