// The CDA simulator page: shows each environment's faults; its buttons send the session's CSRF token
// (handed out in the X-XSRF-TOKEN header of /cda-sim/state) with every change. Text goes in with textContent only.
const api = '/cda-sim';
const cdaBase = document.body.dataset.cdaBase;
let token = null;

function message(text) {
  document.getElementById('msg').textContent = text;
}

async function call(method, path) {
  const r = await fetch(api + path, {method, credentials: 'same-origin', headers: {'X-XSRF-TOKEN': token || ''}});
  if (!r.ok) {
    let why = 'HTTP ' + r.status;
    try { why += ': ' + (await r.json()).message; } catch (e) { /* no JSON body */ }
    message('Request failed, ' + why);
    return;
  }
  message('');
  render(await r.json());
}

function cell(row, content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.appendChild(content); else td.textContent = content;
  row.appendChild(td);
  return td;
}

function button(label, data) {
  const b = document.createElement('button');
  b.textContent = label;
  Object.assign(b.dataset, data);
  return b;
}

function render(state) {
  const body = document.getElementById('envs');
  body.replaceChildren();
  for (const [env, faults] of Object.entries(state)) {
    const row = document.createElement('tr');
    cell(row, env);
    const code = document.createElement('code');
    code.textContent = cdaBase + env + '/';
    cell(row, code);
    const s = document.createElement('span');
    s.className = faults.length ? 'bad' : 'ok';
    s.textContent = faults.length ? faults.join(', ') : 'healthy';
    cell(row, s);
    const buttons = cell(row, '');
    for (const f of ['stale', 'missing', 'error', 'no-history']) buttons.appendChild(button(f, {env, fault: f}));
    cell(row, button('recover', {env, recover: '1'}));
    body.appendChild(row);
  }
}

document.addEventListener('click', e => {
  const b = e.target.closest('button');
  if (!b) return;
  if (b.dataset.recover) call('DELETE', `/${encodeURIComponent(b.dataset.env)}/faults`);
  else call('POST', `/${encodeURIComponent(b.dataset.env)}/faults/${encodeURIComponent(b.dataset.fault)}`);
});

fetch(api + '/state', {credentials: 'same-origin'}).then(r => {
  token = r.headers.get('X-XSRF-TOKEN');
  if (!r.ok) { message('Could not read the simulator: HTTP ' + r.status); return null; }
  return r.json();
}).then(state => state && render(state));
