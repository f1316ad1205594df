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
  const state = { query: null, offset: 0, total: 0, exact: true, isAdmin: false, job: null, generation: 0, charts: {} };

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
  // Periods as "YYYY-MM" text; months counted from year 0 so adding months crosses years.
  function addMonths(p, n) {
    const [y, m] = p.split('-').map(Number);
    const i = y * 12 + (m - 1) + n;
    return period(Math.floor(i / 12), (i % 12) + 1);
  }
  function isPeriod(p) { return /^\d{4}-(0[1-9]|1[0-2])$/.test(p); }
  function currentPeriod() { const d = new Date(); return period(d.getFullYear(), d.getMonth() + 1); }
  function companyLink(account, name) {
    return el('a', { href: '#/company/' + encodeURIComponent(account), text: name == null ? account : name,
      'aria-label': 'Company page of ' + (name || account) + ' (account ' + account + ')' });
  }
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
        cell(s.invoice_number), el('td', {}, companyLink(s.company_account_number, s.company_name)), cell(period(s.billing_year, s.billing_month)),
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
        cell(s.invoice_number), el('td', {}, companyLink(s.company_account_number, s.company_name)), cell(s.company_account_number),
        cell(period(s.billing_year, s.billing_month)), cell(s.invoice_date), cell(formatMoney(s.total_amount), 'num'),
        snapshotActions(s.invoice_number))), 7, 'No bills match.');
      const first = page.results.length ? page.offset + 1 : 0;
      const last = page.offset + page.results.length;
      const of = (state.exact ? '' : 'at least ') + number.format(page.total);
      $('results-h').textContent = page.results.length ? 'Results ' + first + '–' + last + ' of ' + of : 'No bills match';
      // A search by account leads on to that company's page (its bills and chart).
      const account = state.query.get('account_number');
      $('results-company').hidden = !account;
      if (account) $('results-company').replaceChildren(companyLink(account, 'Company page of account ' + account));
      $('page-info').textContent = 'Page ' + (Math.floor(page.offset / PAGE_SIZE) + 1);
      $('prev-page').disabled = page.offset === 0;
      $('next-page').disabled = page.next_cursor == null && last >= page.total;
      status('');
    } catch (e) { status(e.message, true); } finally { $('search-button').disabled = false; }
  }

  // ---- one snapshot ----
  function defs(dl, pairs) {
    dl.replaceChildren();
    pairs.forEach(([label, value, isNum, recordOnly]) => {
      const extra = recordOnly ? ' no-print' : '';
      dl.append(el('dt', { text: label, className: extra.trim() }),
        el('dd', { text: value == null || value === '' ? '–' : String(value), className: (isNum ? 'num' : '') + extra }));
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
    $('snapshot-header').append(el('dt', { text: 'Transparency log', className: 'no-print' }),
      el('dd', { text: text, id: 'log-status', className: 'no-print' }));
  }
  async function showSnapshot(invoice) {
    const shown = state.snapshotShown = (state.snapshotShown || 0) + 1;
    showView('snapshot-view');
    state.invoice = invoice;
    $('company-link').hidden = true;
    $('compare').hidden = true;
    $('compare-button').disabled = false;
    $('snapshot-h').textContent = 'Bill ' + invoice;
    $('snapshot-header').replaceChildren();
    $('snapshot-totals').replaceChildren();
    $('print-totals').replaceChildren();
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
      // The archive's own record (who, when, hash) is left off a printed invoice: the fourth flag.
      defs($('snapshot-header'), [
        ['Invoice number', s.invoice_number], ['Company', s.company_name], ['Account number', s.company_account_number],
        ['Billing period', period(s.billing_year, s.billing_month)], ['Invoice date', s.invoice_date],
        ['Due date', s.due_date], ['Billing plan', s.billing_plan], ['Contract term', s.contract_term],
        ['Support level', s.support_level], ['Archived', when(s.archived_at), false, true],
        ['Archived by', s.created_by, false, true], ['Submitted by', s.submitted_by, false, true],
        ['Notes', s.notes], ['Content SHA-256', s.content_sha256, false, true]]);
      $('print-invoice').textContent = s.invoice_number + ' (' + period(s.billing_year, s.billing_month) + ')';
      $('print-bill-to').textContent = s.company_name + ', account ' + s.company_account_number;
      $('company-link').href = '#/company/' + encodeURIComponent(s.company_account_number);
      $('company-link').setAttribute('aria-label', 'Company page of ' + s.company_name);
      $('company-link').hidden = false;
      logStatus(invoice, shown);
      defs($('snapshot-totals'), [
        ['Total amount', formatMoney(s.total_amount), true], ['User charges', formatMoney(s.total_user_charges), true],
        ['Asset charges', formatMoney(s.total_asset_charges), true], ['Backup charges', formatMoney(s.total_backup_charges), true],
        ['Ticket charges', formatMoney(s.total_ticket_charges), true], ['Line item charges', formatMoney(s.total_line_item_charges), true],
        ['Users', s.user_count, true], ['Assets', s.asset_count, true], ['Billable hours', s.billable_hours, true]]);
      $('print-totals').replaceChildren(...Array.from($('snapshot-totals').childNodes, (n) => n.cloneNode(true)));
      fill($('line-items').tBodies[0], (s.line_items || []).map((i) => el('tr', {},
        cell(i.line_type), cell(i.item_name), cell(i.description), cell(i.quantity == null ? '' : number.format(i.quantity), 'num'),
        cell(formatMoney(i.rate), 'num'), cell(formatMoney(i.amount), 'num'))), 6, 'No line items.');
      $('raw-json').textContent = text; // exactly as served: the stored digits, not re-formatted numbers
      document.title = 'Bill ' + invoice + ' – Archive';
      status('');
    } catch (e) { status(e.message, true); }
    $('snapshot-h').focus();
  }

  // ---- charts: plain SVG drawn by this script at the box's own width (no library; nothing inline for the CSP) ----
  const CATEGORIES = [
    { key: 'total_user_charges', label: 'Users', className: 's-users' },
    { key: 'total_asset_charges', label: 'Assets', className: 's-assets' },
    { key: 'total_backup_charges', label: 'Backup', className: 's-backup' },
    { key: 'total_ticket_charges', label: 'Tickets', className: 's-tickets' },
    { key: 'total_line_item_charges', label: 'Other items', className: 's-items' }];
  const compactMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
  // SVG elements take the namespace of the <svg> in the page, so no namespace URL is spelled out here.
  function svgEl(svg, tag, attrs, text) {
    const node = document.createElementNS(svg.namespaceURI, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text != null) node.textContent = text;
    return node;
  }
  // The axis top: the next 1, 2, 2.5 or 5 times a power of ten at or above the tallest bar.
  function niceMax(max) {
    if (!(max > 0)) return 1;
    const step = Math.pow(10, Math.floor(Math.log10(max)));
    return [1, 2, 2.5, 5, 10].map((f) => f * step).find((v) => v >= max);
  }
  // bars: [{ label, parts: [{ value, className }], href, name }]; a bar with an href is a link named by name.
  // integer: counts, whose axis steps are whole numbers (a top of at least 4, in steps of a quarter of it).
  function barChart(svg, bars, axisLabel, integer) {
    const width = Math.max(240, Math.round(svg.getBoundingClientRect().width) || 600);
    const height = 240, left = 60, right = 28, top = 10, bottom = 28; // the CSS gives the box 240 px
    const plotW = width - left - right, plotH = height - top - bottom;
    svg.replaceChildren();
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const sums = bars.map((b) => b.parts.reduce((a, p) => a + Math.max(0, p.value), 0));
    const top0 = niceMax(Math.max(0, ...sums));
    const max = integer ? Math.max(4, Math.ceil(top0 / 4) * 4) : top0;
    const y = (v) => top + plotH - (v / max) * plotH;
    for (let i = 0; i <= 4; i++) {
      const v = max * i / 4;
      svg.append(svgEl(svg, 'line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: i ? 'grid' : 'axis' }));
      svg.append(svgEl(svg, 'text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, axisLabel(v)));
    }
    const slot = plotW / Math.max(1, bars.length);
    const barW = Math.max(2, slot * 0.7);
    const every = Math.ceil(bars.length / Math.max(1, Math.floor(plotW / 60))); // period labels ~60 px apart
    bars.forEach((b, i) => {
      const x = left + i * slot + (slot - barW) / 2;
      const group = b.href && sums[i] > 0 ? svgEl(svg, 'a', { href: b.href, 'aria-label': b.name }) : svgEl(svg, 'g', {});
      group.append(svgEl(svg, 'title', {}, b.name));
      let base = 0;
      b.parts.forEach((p) => {
        if (!(p.value > 0)) return;
        group.append(svgEl(svg, 'rect', { x: x, width: barW, y: y(base + p.value), height: y(base) - y(base + p.value), class: p.className }));
        base += p.value;
      });
      svg.append(group);
      if ((bars.length - 1 - i) % every === 0) { // the newest period always has its label
        svg.append(svgEl(svg, 'text', { x: x + barW / 2, y: height - 8, 'text-anchor': 'middle' }, b.label));
      }
    });
  }
  // Each chart keeps how to draw itself, so a resize or a view switch draws it again at its new width.
  function chart(id, draw) { state.charts[id] = draw; if ($(id).getBoundingClientRect().width) draw(); }
  function redrawCharts() {
    Object.entries(state.charts).forEach(([id, draw]) => { if ($(id).getBoundingClientRect().width) draw(); });
  }
  // The monthly report: one row per period, oldest first, gaps as zero rows.
  async function monthlyReport(from, to, account) {
    const params = new URLSearchParams({ from: from, to: to });
    if (account) params.set('account_number', account);
    const body = await getJson('api/reports/monthly?' + params.toString());
    return body.periods;
  }

  // ---- overview: billed per month ----
  async function loadTrend(gen) {
    const to = $('trend-to').value.trim();
    const bad = !isPeriod(to);
    $('trend-to').setAttribute('aria-invalid', String(bad));
    $('trend-error').hidden = !bad;
    $('trend-error').textContent = bad ? 'Last 24 periods up to: enter a period as YYYY-MM, e.g. ' + currentPeriod() + '.' : '';
    const seq = state.trendShown = (state.trendShown || 0) + 1; // the newest request wins
    if (bad) return;
    try {
      const rows = await monthlyReport(addMonths(to, -23), to, null);
      if (gen !== state.generation || seq !== state.trendShown) return;
      chart('trend-total-chart', () => barChart($('trend-total-chart'), rows.map((r) => ({ label: r.period,
        name: r.period + ': ' + formatMoney(r.total_amount), parts: [{ value: Number(r.total_amount), className: 's-total' }] })),
        (v) => compactMoney.format(v)));
      chart('trend-companies-chart', () => barChart($('trend-companies-chart'), rows.map((r) => ({ label: r.period,
        name: r.period + ': ' + r.companies + ' companies', parts: [{ value: r.companies, className: 's-companies' }] })),
        (v) => number.format(v), true));
      fill($('trend-table').tBodies[0], rows.slice().reverse().map((r) => el('tr', {}, cell(r.period),
        cell(formatMoney(r.total_amount), 'num'), cell(number.format(r.companies), 'num'), cell(number.format(r.snapshots), 'num'))),
        4, 'No periods.');
      $('trend-h').textContent = 'Billed per month, ' + addMonths(to, -23) + ' to ' + to;
    } catch (e) {
      if (gen !== state.generation || seq !== state.trendShown) return;
      $('trend-error').hidden = false;
      $('trend-error').textContent = e.message;
    }
  }

  // ---- one company: its bills and its monthly total by category ----
  async function showCompany(account) {
    const shown = state.companyShown = (state.companyShown || 0) + 1;
    showView('company-view');
    $('company-h').textContent = 'Account ' + account;
    $('company-summary').textContent = '';
    $('company-more').hidden = true;
    $('company-bills').tBodies[0].replaceChildren();
    $('company-chart').replaceChildren();
    $('company-chart-table').tBodies[0].replaceChildren();
    delete state.charts['company-chart'];
    try {
      const h = await getJson('api/snapshots/company/' + encodeURIComponent(account) + '?limit=100');
      if (state.companyShown !== shown) return;
      const name = h.company_name || 'Account ' + account;
      $('company-h').textContent = h.company_name ? h.company_name + ' – account ' + account : name;
      document.title = name + ' – Archive';
      const bills = h.snapshots;
      $('company-summary').textContent = bills.length
        ? number.format(h.total_snapshots) + (h.total_snapshots === 1 ? ' bill' : ' bills') + ' archived, '
          + period(bills[bills.length - 1].billing_year, bills[bills.length - 1].billing_month) + ' to '
          + period(bills[0].billing_year, bills[0].billing_month) + '.'
        : 'No bills archived for this account.';
      fill($('company-bills').tBodies[0], bills.map((b) => el('tr', {}, cell(b.invoice_number),
        cell(period(b.billing_year, b.billing_month)), cell(b.invoice_date), cell(b.billing_plan),
        cell(formatMoney(b.total_amount), 'num'), snapshotActions(b.invoice_number))), 6, 'No bills.');
      if (h.total_snapshots > bills.length) {
        $('company-more').hidden = false;
        $('company-more').textContent = 'Showing the newest ' + bills.length + ' of ' + number.format(h.total_snapshots)
          + ' bills; search by account number for the rest.';
      }
      if (bills.length) {
        // The 24 periods up to the company's newest bill; one bill per company and period, so each bar has one.
        const to = period(bills[0].billing_year, bills[0].billing_month);
        const invoices = new Map(bills.map((b) => [period(b.billing_year, b.billing_month), b.invoice_number]));
        const rows = await monthlyReport(addMonths(to, -23), to, account);
        if (state.companyShown !== shown) return;
        chart('company-chart', () => barChart($('company-chart'), rows.map((r) => ({ label: r.period,
          href: invoices.has(r.period) ? '#/snapshot/' + encodeURIComponent(invoices.get(r.period)) : null,
          name: r.period + ': ' + formatMoney(r.total_amount) + (invoices.has(r.period) ? ', bill ' + invoices.get(r.period) : ''),
          parts: CATEGORIES.map((c) => ({ value: Number(r[c.key]), className: c.className })) })),
          (v) => compactMoney.format(v)));
        fill($('company-chart-table').tBodies[0], rows.slice().reverse().filter((r) => r.snapshots > 0).map((r) => el('tr', {},
          cell(r.period), cell(invoices.get(r.period) || '–'), ...CATEGORIES.map((c) => cell(formatMoney(r[c.key]), 'num')),
          cell(formatMoney(r.total_amount), 'num'))), 8, 'No bills in these periods.');
      }
      status('');
    } catch (e) { if (state.companyShown === shown) status(e.message, true); }
    if (state.companyShown === shown) $('company-h').focus();
  }
  function legend() {
    const ul = $('company-legend');
    CATEGORIES.forEach((c) => {
      const svg = $('company-chart');
      const swatch = svgEl(svg, 'svg', { viewBox: '0 0 10 10', 'aria-hidden': 'true' });
      swatch.append(svgEl(svg, 'rect', { width: 10, height: 10, class: c.className }));
      const li = el('li', {}, swatch);
      li.append(c.label);
      ul.append(li);
    });
  }

  // ---- a bill compared with the one before: what changed, in a billing person's words, biggest effect first ----
  const LINE_WORDS = { user: ['user', 'users', 'User'], asset: ['asset', 'assets', 'Asset'] };
  function signedMoney(v) { return (v > 0 ? '+' : v < 0 ? '−' : '±') + money.format(Math.abs(v)); }
  function lineName(line) {
    const type = LINE_WORDS[line.line_type];
    const name = line.item_name;
    return type && !name.toLowerCase().includes(type[0]) ? type[2] + ' ' + name : name;
  }
  // At most ten names in a line; a bill that adds two hundred users says how many more there are.
  function names(list) {
    return list.length <= 10 ? list.join(', ') : list.slice(0, 10).join(', ') + ' and ' + (list.length - 10) + ' more';
  }
  function changeLines(d) {
    const lines = [];
    // Users and assets that came or went: one line per kind, e.g. "+3 users: Carol, Dave, Erin (+$300.00)".
    [['added', 1], ['removed', -1]].forEach(([list, sign]) => {
      const byType = new Map();
      d.line_items[list].forEach((l) => {
        const key = LINE_WORDS[l.line_type] ? l.line_type : l.line_type + ':' + l.item_name;
        if (!byType.has(key)) byType.set(key, []);
        byType.get(key).push(l);
      });
      byType.forEach((items, key) => {
        const effect = items.reduce((a, l) => a + Number(l.amount_change), 0); // negative for removed lines
        const words = LINE_WORDS[key];
        const text = words
          ? (sign > 0 ? '+' : '−') + items.length + ' ' + (items.length === 1 ? words[0] : words[1]) + ': '
            + names(items.map((l) => l.item_name))
          : (sign > 0 ? 'New: ' : 'No longer billed: ') + items[0].item_name;
        lines.push({ text: text + ' (' + signedMoney(effect) + ')', effect: effect });
      });
    });
    // Lines on both bills: "Cloud backup: $75.00 → $120.00 (quantity 500 → 800)".
    d.line_items.changed.forEach((c) => {
      const before = c.from, after = c.to;
      const why = [];
      if (Number(before.quantity) !== Number(after.quantity)) why.push('quantity ' + number.format(before.quantity) + ' → ' + number.format(after.quantity));
      if (Number(before.rate) !== Number(after.rate)) why.push('rate ' + formatMoney(before.rate) + ' → ' + formatMoney(after.rate));
      const effect = Number(c.amount_change);
      lines.push({ text: lineName(c) + ': ' + formatMoney(before.amount) + ' → ' + formatMoney(after.amount)
        + (why.length ? ' (' + why.join(', ') + ')' : ''), effect: effect });
    });
    // A stable sort: equal effects keep the service's order.
    return lines.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  }
  const COMPARED_TOTALS = [['total_amount', 'Total'], ['total_user_charges', 'Users'], ['total_asset_charges', 'Assets'],
    ['total_backup_charges', 'Backup'], ['total_ticket_charges', 'Tickets'], ['total_line_item_charges', 'Other items']];
  async function compare(invoice) {
    $('compare-button').disabled = true;
    try {
      const res = await api('api/snapshot/' + encodeURIComponent(invoice) + '/diff');
      if (state.invoice !== invoice) return;
      $('compare').hidden = false;
      if (res.status === 404) {
        $('compare-h').textContent = 'Compared with the previous month';
        $('compare-summary').textContent = 'There is no earlier bill of this company to compare with.';
        $('compare-changes').replaceChildren();
        fill($('compare-totals').tBodies[0], [], 4, 'Nothing to compare.');
        $('compare-h').focus();
        return;
      }
      if (!res.ok) throw new Error(await problem(res));
      const d = await res.json();
      const from = d.from;
      $('compare-h').textContent = 'Compared with ' + from.period + ' (bill ' + from.invoice_number + ')';
      const total = d.totals.total_amount;
      const lines = changeLines(d);
      const counts = [['users', d.counts.user_count], ['assets', d.counts.asset_count]].filter(([, c]) => c.change !== 0)
        .map(([word, c]) => word.charAt(0).toUpperCase() + word.slice(1) + ' ' + c.from + ' → ' + c.to);
      $('compare-summary').textContent = (d.same_account ? '' : 'Note: that bill is of another company, '
          + from.company_name + ' (account ' + from.company_account_number + '). ')
        + (lines.length || total.change !== 0
          ? 'Total ' + formatMoney(total.from) + ' → ' + formatMoney(total.to) + ' (' + signedMoney(total.change) + ')'
            + (counts.length ? '; ' + counts.join(', ') : '') + '.'
          : 'Nothing changed: the same lines and totals as ' + from.period + '.');
      // The 20 biggest changes in the list; any smaller ones behind a disclosure at its end.
      const item = (l) => el('li', { text: l.text, className: l.effect > 0 ? 'up' : l.effect < 0 ? 'down' : '' });
      $('compare-changes').replaceChildren(...lines.slice(0, 20).map(item));
      if (lines.length > 20) {
        const rest = el('details', {}, el('summary', { text: (lines.length - 20) + ' smaller changes' }),
          el('ul', { className: 'changes' }, ...lines.slice(20).map(item)));
        $('compare-changes').append(el('li', { className: 'more' }, rest));
      }
      fill($('compare-totals').tBodies[0], COMPARED_TOTALS.map(([key, label]) => el('tr', {}, cell(label),
        cell(formatMoney(d.totals[key].from), 'num'), cell(formatMoney(d.totals[key].to), 'num'),
        cell(signedMoney(d.totals[key].change), 'num'))), 4, '');
      $('compare-h').focus();
    } catch (e) { status(e.message, true); } finally { $('compare-button').disabled = false; }
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
  function showView(id) {
    ['home-view', 'company-view', 'snapshot-view'].forEach((v) => { $(v).hidden = v !== id; });
  }
  function route() {
    const m = /^#\/snapshot\/(.+)$/.exec(location.hash);
    if (m) { showSnapshot(decodeURIComponent(m[1])); return; }
    const c = /^#\/company\/(.+)$/.exec(location.hash);
    if (c) { showCompany(decodeURIComponent(c[1])); return; }
    const from = document.activeElement;
    showView('home-view');
    document.title = 'Archive – historical bills';
    redrawCharts(); // drawn while hidden (or at another width): draw again at the width they have now
    // Back from a bill: the search and its page are still there; put the keyboard back at the results.
    if (!$('results').hidden && (from === $('back-link') || from === $('company-back-link'))) $('results-h').focus();
  }
  function refreshAll() {
    const gen = ++state.generation;
    loadOverview(gen).then(() => loadJobs(gen));
    loadTrend(gen);
    if (state.query) runSearch(state.offset);
    route();
  }

  document.addEventListener('DOMContentLoaded', () => {
    tableRoles();
    legend();
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
    $('trend-to').value = currentPeriod();
    $('trend-form').addEventListener('submit', (event) => { event.preventDefault(); loadTrend(state.generation); });
    $('compare-button').addEventListener('click', () => compare(state.invoice));
    $('print-button').addEventListener('click', () => window.print());
    let resizing;
    window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(redrawCharts, 100); });
    window.addEventListener('hashchange', route);
    refreshAll();
  });
})();
