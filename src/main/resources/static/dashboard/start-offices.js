// HEC's bulk start (POST /api/offices/start-where-they-stand), with the Cockpit session and the CSRF token that the
// GET of the same path hands out. Every text goes in through textContent: nothing the API returns is parsed as HTML.
(function () {
  var api = '/api/offices/start-where-they-stand';
  var status = document.getElementById('status');
  var button = document.getElementById('submit');
  var csv = document.getElementById('csv');
  var token = null;

  var el = CwbiPage.el;

  function failure(r) {
    return r.json().catch(function () { return {}; }).then(function (p) {
      var e = new Error(r.status + ': ' + (p.message || r.statusText));
      e.status = r.status;
      throw e;
    });
  }

  fetch(api, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(function (r) {
      if (!r.ok) return failure(r);
      token = r.headers.get('X-XSRF-TOKEN');
      return r.json();
    })
    .then(function (about) {
      document.getElementById('columns').textContent = about.columns.join(', ');
      document.getElementById('max-rows').textContent = about.maxRows;
      var steps = document.getElementById('steps');
      about.steps.forEach(function (s) { steps.appendChild(el('li', null, s.name)); });
      button.disabled = false;
      status.textContent = 'Choose a CSV file or paste it, then start.';
    })
    .catch(function (err) {
      status.textContent = 'Unavailable (' + err.message + ').'
        + (err.status === 401 ? ' Log in to Cockpit as HEC first.' : '');
    });

  document.getElementById('file').addEventListener('change', function (ev) {
    var file = ev.target.files && ev.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { csv.value = String(reader.result); };
    reader.readAsText(file);
  });

  button.addEventListener('click', function () {
    button.disabled = true;
    status.textContent = 'Starting...';
    var body = document.querySelector('#results tbody');
    while (body.firstChild) body.removeChild(body.firstChild);
    fetch(api, {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json', 'X-XSRF-TOKEN': token},
      body: csv.value})
      .then(function (r) { return r.ok ? r.json() : failure(r); })
      .then(function (answer) {
        answer.rows.forEach(function (row) {
          var tr = body.appendChild(el('tr', row.started ? 'started' : 'refused'));
          tr.appendChild(el('td', null, row.line));
          tr.appendChild(el('td', null, row.office || ''));
          tr.appendChild(el('td', null, row.step === undefined || row.step === null ? '' : row.step));
          tr.appendChild(el('td', row.started ? 'passed' : 'failed', row.result));
        });
        status.textContent = answer.started + ' started, ' + answer.notStarted + ' not started.';
      })
      .catch(function (err) { status.textContent = 'Nothing started (' + err.message + ').'; })
      .then(function () { button.disabled = false; });
  });
})();
