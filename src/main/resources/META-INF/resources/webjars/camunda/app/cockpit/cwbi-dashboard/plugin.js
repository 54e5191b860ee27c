// "CWBI migration": one row per office on Cockpit's dashboard (plugin point cockpit.dashboard).
// Data: GET /api/dashboard/offices with the Cockpit session cookie (HEC and administrators only). Steps, their names
// and their count come with each row, from the model version the office runs (roadmap.Roadmap).
// HEC's target dates: PUT/DELETE /api/dashboard/targets/{office|all} with the CSRF token the GET answered with.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let csrfToken = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null) return;
    if (k === 'class') node.className = v;
    else if (k === 'style') node.style.cssText = v;
    else node.setAttribute(k, v);
  });
  children.flat().forEach(c => {
    if (c === undefined || c === null) return;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  });
  return node;
}

function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

// "2027-03-12" as "12 Mar 2027"
function day(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return d + ' ' + MONTHS[m - 1] + ' ' + y;
}

// When the office is likely to finish, the range, HEC's target, a flag when the forecast passes it, and why in one
// line in the roadmap's words (the server's explanation: which step is slow compared with the portfolio's median).
function forecastCell(row) {
  const f = row.forecast;
  if (!f) return el('td', {class: 'cwbi-forecast'}, '');
  const target = f.target ? el('div', {class: 'cwbi-target', style: 'color:#555'},
    'target ' + day(f.target) + (f.targetForAll ? ' (all offices)' : '')) : null;
  const why = el('div', {class: 'cwbi-forecast-why',
      style: 'font-size:11px;max-width:260px;color:' + (f.atRisk ? '#c62828' : '#555')}, f.explanation);
  if (f.status === 'FORECAST') {
    return el('td', {class: 'cwbi-forecast', 'data-status': f.status},
      el('strong', {class: 'cwbi-forecast-date'}, day(f.predicted)),
      f.atRisk ? el('span', {class: 'cwbi-at-risk label label-danger',
          style: 'margin-left:6px;background:#c62828;color:#fff;padding:1px 4px;border-radius:3px',
          title: f.daysPastTarget + ' days after the target'}, 'AT RISK') : null,
      el('div', {class: 'cwbi-forecast-range', style: 'color:#555'},
        'range ' + day(f.early) + ' – ' + day(f.late)),
      target, why);
  }
  if (f.status === 'FINISHED') {
    return el('td', {class: 'cwbi-forecast', 'data-status': f.status}, 'finished ' + day(f.predicted), target);
  }
  return el('td', {class: 'cwbi-forecast', 'data-status': f.status}, el('em', {class: 'cwbi-forecast-why',
      style: 'font-size:11px;color:#555'}, f.explanation), target);
}

function progress(row) {
  const pct = row.progressPercent || 0;
  const color = row.state === 'FINISHED' ? '#2e7d32' : row.state === 'BLOCKED' ? '#c62828' : '#1565c0';
  return el('div', {class: 'cwbi-progress', title: row.stepsDone + ' of ' + row.stepCount + ' steps done',
      style: 'width:110px;height:12px;background:#e0e0e0;border-radius:3px;display:inline-block;vertical-align:middle'},
    el('div', {style: 'height:100%;border-radius:3px;background:' + color + ';width:' + pct + '%'}))
}

// Roadmap items that do not apply to this office ("may vary"): skipped by the District's answers or marked by HEC.
function notApplicable(row) {
  const items = row.notApplicable || [];
  if (!items.length) return null;
  return el('div', {class: 'cwbi-not-applicable', style: 'font-size:11px;color:#555;margin-top:2px'},
    'Not applicable: ', el('ul', {style: 'margin:0;padding-left:16px'}, items.map(i => el('li', {}, i))));
}

function stepCell(row) {
  if (row.state === 'NOT_STARTED') return el('td', {class: 'cwbi-step'}, el('em', {}, 'not started'));
  if (row.state === 'FINISHED') {
    return el('td', {class: 'cwbi-step'}, 'Step ' + row.stepCount + ' done: migration complete', el('br'),
      progress(row), ' 100%', notApplicable(row));
  }
  return el('td', {class: 'cwbi-step'},
    el('div', {}, 'Phase ' + row.phase + ', Step ' + row.step + ': ' + row.stepName),
    progress(row), ' ' + row.progressPercent + '%', notApplicable(row));
}

function tasksCell(row) {
  if (!row.openTasks.length) return el('td', {}, row.state === 'RUNNING' || row.state === 'BLOCKED' ? 'automated check running' : '');
  return el('td', {}, el('ul', {style: 'margin:0;padding-left:16px'}, row.openTasks.map(t =>
    el('li', {class: t.overdue ? 'cwbi-overdue' : null, style: t.overdue ? 'color:#c62828' : null,
        'data-task-key': t.key},
      t.name, ' [', t.lane || '?', '] ', t.assignee ? '(' + t.assignee + ')' : '(unclaimed)',
      t.due ? ' due ' + when(t.due).slice(0, 10) : '', t.overdue ? ' OVERDUE' : ''))));
}

// A check in words: passed/FAILED and when; under a failure what failed, each with its evidence and what to do on
// hover (the report's findings, never its JSON or the checks' machine lines).
function checksCell(row) {
  const keys = Object.keys(row.checks || {});
  if (!keys.length) return el('td', {}, '');
  return el('td', {}, keys.map(k => {
    const c = row.checks[k];
    const failed = (c.findings && c.findings.failed) || [];
    return el('div', {class: 'cwbi-check', 'data-env': k, title: c.time ? 'checked ' + when(c.time) : null},
      el('span', {style: 'white-space:nowrap;color:' + (c.passed ? '#2e7d32' : '#c62828')},
        c.environment + ': ' + (c.passed ? 'passed' : 'FAILED')),
      el('span', {style: 'color:#777'}, c.time ? ' ' + when(c.time).slice(5) : ''),
      failed.length ? el('ul', {class: 'cwbi-findings', style: 'margin:0 0 4px;padding-left:14px;color:#c62828;font-size:11px'},
        failed.map(f => el('li', {title: 'Evidence: ' + f.evidence + '\nWhat to do: ' + f.todo}, f.what))) : null);
  }));
}

function incidentsCell(row) {
  if (!row.incidents.length) return el('td', {}, row.state === 'RUNNING' || row.state === 'BLOCKED' ? '0' : '');
  return el('td', {style: 'color:#c62828'}, String(row.incidents.length),
    row.incidents.map(i => el('div', {style: 'font-size:11px', 'data-activity': i.activityId},
      i.message || 'a job failed after its retries')));
}

function officeCell(row) {
  const office = row.cockpitUrl ? el('a', {href: row.cockpitUrl}, row.office) : el('strong', {}, row.office);
  return el('td', {}, office, el('br'),
    row.auditUrl ? el('a', {href: row.auditUrl, target: '_blank', style: 'font-size:11px'}, 'audit trail') : null);
}

function render(table, rows) {
  const body = el('tbody', {}, rows.map(row => el('tr', {
      class: 'cwbi-row' + (row.attention.length ? ' cwbi-attention' : ''), 'data-office': row.office,
      'data-state': row.state, style: row.attention.length ? 'background:#fff3f3' : null},
    officeCell(row),
    el('td', {}, row.state === 'BLOCKED' ? 'held at ' + row.blockedAt
        : row.state === 'FINISHED' ? 'finished ' + when(row.ended).slice(0, 10)
        : row.state.replace('_', ' ').toLowerCase()),
    // the version of the roadmap model the office runs on (offices move to a new version on start-up)
    el('td', {class: 'cwbi-roadmap-version'}, row.roadmapVersion ? 'version ' + row.roadmapVersion : ''),
    stepCell(row),
    tasksCell(row),
    el('td', {class: 'cwbi-days'}, row.daysInStep === null ? '' : String(row.daysInStep)),
    forecastCell(row),
    el('td', {class: 'cwbi-overdue-count', style: row.overdueTasks ? 'color:#c62828;font-weight:bold' : null},
      row.state === 'RUNNING' || row.state === 'BLOCKED' ? String(row.overdueTasks) : ''),
    checksCell(row),
    incidentsCell(row),
    el('td', {style: 'color:#c62828'}, row.attention.join('; ')))));
  table.querySelector('tbody').replaceWith(body);
}

async function load(node) {
  const status = node.querySelector('.cwbi-status');
  try {
    const response = await fetch('/api/dashboard/offices', {credentials: 'same-origin',
        headers: {Accept: 'application/json'}});
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      status.textContent = 'Dashboard unavailable (' + response.status + '): ' + (problem.message || response.statusText);
      return;
    }
    csrfToken = response.headers.get('X-XSRF-TOKEN') || csrfToken;
    const rows = await response.json();
    render(node.querySelector('table'), rows);
    offerOffices(node, rows);
    const attention = rows.filter(r => r.attention.length).length;
    const risk = rows.filter(r => r.forecast && r.forecast.atRisk).length;
    status.textContent = rows.length + ' offices, ' + attention + ' needing attention, ' + risk +
        ' forecast after their target. Updated ' +
        new Date().toLocaleTimeString() + '.';
  } catch (e) {
    status.textContent = 'Dashboard unavailable: ' + e.message;
  }
}

// The offices of the target control, kept in the dashboard's order; the selection survives a reload.
function offerOffices(node, rows) {
  const select = node.querySelector('.cwbi-target-office');
  const chosen = select.value;
  const offices = rows.map(r => r.office).slice().sort();
  select.replaceChildren(el('option', {value: 'all'}, 'all offices'), ...offices.map(o => el('option', {value: o}, o)));
  if (chosen && (chosen === 'all' || offices.includes(chosen))) select.value = chosen;
}

async function changeTarget(node, method) {
  const office = node.querySelector('.cwbi-target-office').value;
  const date = node.querySelector('.cwbi-target-date').value;
  const status = node.querySelector('.cwbi-target-status');
  const init = {method, credentials: 'same-origin',
      headers: {Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken || ''}};
  if (method === 'PUT') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify({targetDate: date});
  }
  try {
    const response = await fetch('/api/dashboard/targets/' + encodeURIComponent(office), init);
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      status.style.color = '#c62828';
      status.textContent = 'Not saved (' + response.status + '): ' + (problem.message || response.statusText);
      return;
    }
    status.style.color = '#2e7d32';
    const whom = office === 'all' ? 'all offices' : office;
    status.textContent = method === 'PUT' ? 'Target ' + day(date) + ' set for ' + whom + '.'
        : 'Target cleared for ' + whom + '.';
    await load(node);
  } catch (e) {
    status.style.color = '#c62828';
    status.textContent = 'Not saved: ' + e.message;
  }
}

function targetControl(node) {
  const form = el('form', {class: 'cwbi-target-form form-inline', style: 'margin:0 0 8px'},
    'Target date for ', el('select', {class: 'cwbi-target-office form-control input-sm'},
      el('option', {value: 'all'}, 'all offices')), ' ',
    el('input', {type: 'date', class: 'cwbi-target-date form-control input-sm', required: 'required'}), ' ',
    el('button', {type: 'submit', class: 'cwbi-target-set btn btn-default btn-sm'}, 'Set target'), ' ',
    el('button', {type: 'button', class: 'cwbi-target-clear btn btn-link btn-sm'}, 'Clear'), ' ',
    el('span', {class: 'cwbi-target-status', style: 'font-size:12px'}));
  form.addEventListener('submit', e => { e.preventDefault(); changeTarget(node, 'PUT'); });
  form.querySelector('.cwbi-target-clear').addEventListener('click', () => changeTarget(node, 'DELETE'));
  return form;
}

export default {
  id: 'cwbi-migration-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node) => {
    const heads = ['Office', 'State', 'Roadmap version', 'Phase / step', 'Open tasks (lane, assignee)',
      'Days in step', 'Forecast (range, target, why)', 'Overdue', 'Last checks', 'Incidents', 'Needs attention'];
    node.appendChild(el('section', {class: 'cwbi-dashboard', style: 'margin-bottom:20px'},
      el('h1', {class: 'section-title'}, 'CWBI migration'),
      // HEC leadership's checklist spreadsheet: one row per office, one column per roadmap item (PortfolioController)
      el('p', {class: 'cwbi-portfolio'}, 'Portfolio for HEC leadership, one column per roadmap item: ',
        el('a', {href: '/api/dashboard/portfolio.xlsx', download: ''}, 'spreadsheet (.xlsx)'), ' · ',
        el('a', {href: '/api/dashboard/portfolio.csv', download: ''}, 'CSV')),
      el('p', {class: 'cwbi-start-offices'}, el('a', {href: '/dashboard/start-offices.html', target: '_blank'}, 'Start offices where they stand (CSV)')),
      el('p', {class: 'cwbi-tokens'}, el('a', {href: '/dashboard/tokens.html', target: '_blank'}, 'API tokens for the district\'s tools')),
      el('p', {class: 'cwbi-status', style: 'color:#666'}, 'Loading offices...'),
      targetControl(node),
      el('table', {class: 'cwbi-offices table table-bordered table-condensed', style: 'font-size:12px;background:#fff'},
        el('thead', {}, el('tr', {}, heads.map(h => el('th', {}, h)))), el('tbody'))));
    load(node);
    const timer = setInterval(() => document.body.contains(node) ? load(node) : clearInterval(timer), 60000);
  }
};
