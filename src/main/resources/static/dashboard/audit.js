// Renders /api/dashboard/offices/{office}/audit (HEC's session from Cockpit, or HTTP Basic when the browser asks).
// People's words only: each entry's name, its fields (the form's labels, readable values, lists as tables) and a
// check's findings (what failed, the evidence, what to do). Variable names and raw values stay in the JSON.
// Every text goes in through textContent: nothing the API returns is parsed as HTML.
(function () {
  // The server alone decides what an office id is (process.Office): a bad one is answered 400 with why.
  var office = (new URLSearchParams(location.search).get('office') || '').trim();
  var status = document.getElementById('status');
  document.getElementById('office').textContent = office || '(no office given)';
  if (!office) {
    status.textContent = 'Give the office in the address, e.g. audit.html?office=SWT';
    return;
  }
  var api = '/api/dashboard/offices/' + encodeURIComponent(office) + '/audit';
  document.getElementById('csv').href = api + '.csv';

  var el = CwbiPage.el;
  var when = CwbiPage.when;

  function table(t) {
    var tab = el('table', 'list');
    var head = el('tr');
    t.columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
    tab.appendChild(el('thead')).appendChild(head);
    var body = tab.appendChild(el('tbody'));
    t.rows.forEach(function (r) {
      var tr = body.appendChild(el('tr'));
      r.forEach(function (c) { tr.appendChild(el('td', null, c)); });
    });
    return tab;
  }

  function fields(list) {
    var dl = el('dl', 'fields');
    list.forEach(function (f) {
      // a list: its label above, its table across the whole cell
      dl.appendChild(el('dt', f.table ? 'wide' : null, f.label));
      var dd = dl.appendChild(el('dd', f.table ? 'wide' : null));
      if (f.table) dd.appendChild(table(f.table)); else dd.textContent = f.text;
    });
    return dl;
  }

  // entries of RoadmapNotes: the District's comments, items skipped or marked not applicable
  var NOTE_KINDS = {COMMENT: 'comment', SKIPPED: 'not needed', NOT_APPLICABLE: 'not applicable',
    ROADMAP_VERSION: 'roadmap updated', DONE_BEFORE: 'done before this application',
    REPORTED: 'reported by a tool'};

  function findings(f) {
    var box = el('div', 'findings');
    box.appendChild(el('p', f.passed ? 'verdict passed' : 'verdict failed', verdict(f)));
    if (f.failed.length) {
      var ol = box.appendChild(el('ol'));
      f.failed.forEach(function (x) {
        var li = ol.appendChild(el('li', 'finding'));
        li.appendChild(el('div', 'what', x.what));
        var ev = li.appendChild(el('div', 'line'));
        ev.appendChild(el('span', 'tag', 'Evidence: '));
        ev.appendChild(document.createTextNode(x.evidence));
        var todo = li.appendChild(el('div', 'line'));
        todo.appendChild(el('span', 'tag', 'What to do: '));
        todo.appendChild(document.createTextNode(x.todo));
      });
      if (f.passedChecks.length) {
        box.appendChild(el('p', 'others', f.passedChecks.length +
          (f.passedChecks.length === 1 ? ' other check passed.' : ' other checks passed.')));
      }
    }
    return box;
  }

  function verdict(f) {
    var total = f.failed.length + f.passedChecks.length;
    if (f.passed) return 'All ' + total + (total === 1 ? ' check' : ' checks') + ' passed.';
    return f.failed.length + ' of ' + total + (total === 1 ? ' check' : ' checks') + ' failed:';
  }

  function result(e) {
    if (e.passed === true) return ['passed', 'passed'];
    if (e.passed === false) return ['FAILED', 'failed'];
    return [e.type === 'TASK_COMPLETED' ? 'completed' : (NOTE_KINDS[e.type] || ''), ''];
  }

  fetch(api, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (p) {
          var e = new Error(r.status + ': ' + (p.message || r.statusText));
          e.status = r.status;
          throw e;
        });
      }
      return r.json();
    })
    .then(function (entries) {
      var body = document.querySelector('#audit tbody');
      entries.forEach(function (e) {
        var tr = el('tr', 'entry ' + String(e.type || 'other').toLowerCase());
        tr.setAttribute('data-activity', e.activityId || '');
        tr.appendChild(el('td', 'time', when(e.time)));
        tr.appendChild(el('td', null, e.step === null || e.step === undefined ? '' : e.step));
        tr.appendChild(el('td', 'what', e.name));
        tr.appendChild(el('td', null, e.user || (e.type === 'CHECK' ? 'automated check' : '')));
        var res = result(e);
        tr.appendChild(el('td', res[1], res[0]));
        var details = tr.appendChild(el('td', 'evidence'));
        if (e.findings) details.appendChild(findings(e.findings));
        if (e.fields && e.fields.length) details.appendChild(fields(e.fields));
        body.appendChild(tr);
      });
      status.textContent = entries.length ? entries.length + ' entries, oldest first.'
        : 'No migration recorded for ' + office + '.';
    })
    .catch(function (err) {
      status.textContent = 'Audit trail unavailable (' + err.message + ').'
        + (err.status === 400 ? '' : ' Log in to Cockpit as HEC first.');
    });
})();
