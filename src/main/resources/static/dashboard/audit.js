// Renders /api/dashboard/offices/{office}/audit (HEC's session from Cockpit, or HTTP Basic when the browser asks).
(function () {
  var office = (new URLSearchParams(location.search).get('office') || '').toUpperCase();
  var status = document.getElementById('status');
  document.getElementById('office').textContent = office || '(no office given)';
  if (!/^[A-Z]{3,4}$/.test(office)) {
    status.textContent = 'Give the office in the address, e.g. audit.html?office=SWT';
    return;
  }
  var api = '/api/dashboard/offices/' + encodeURIComponent(office) + '/audit';
  document.getElementById('csv').href = api + '.csv';

  function cell(row, content, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content == null ? '' : String(content);
    row.appendChild(td);
    return td;
  }

  function list(pairs) {
    var dl = document.createElement('dl');
    pairs.forEach(function (p) {
      var dt = document.createElement('dt'); dt.textContent = p[0];
      var dd = document.createElement('dd'); dd.textContent = p[1]; if (p[2]) dd.className = p[2];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    return dl;
  }

  // entries of RoadmapNotes: the District's comments, items skipped or marked not applicable
  var NOTE_KINDS = {COMMENT: 'comment', SKIPPED: 'not needed', NOT_APPLICABLE: 'not applicable'};

  fetch(api, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (p) {
          throw new Error(r.status + ': ' + (p.message || r.statusText));
        });
      }
      return r.json();
    })
    .then(function (entries) {
      var body = document.querySelector('#audit tbody');
      entries.forEach(function (e) {
        var tr = document.createElement('tr');
        tr.className = 'entry ' + e.type.toLowerCase();
        tr.setAttribute('data-activity', e.activityId || '');
        cell(tr, e.time ? e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');
        cell(tr, e.step);
        cell(tr, e.name + (e.activityId ? ' (' + e.activityId + ')' : ''));
        cell(tr, e.user || (e.type === 'CHECK' ? 'automated' : ''));
        cell(tr, e.passed === null ? (e.type === 'TASK_COMPLETED' ? 'completed' : (NOTE_KINDS[e.type] || '')) : (e.passed ? 'passed' : 'FAILED'),
          e.passed === null ? null : (e.passed ? 'passed' : 'failed'));
        var evidence = e.type === 'CHECK'
          ? list(e.checks.map(function (c) { return [c.check, (c.passed ? 'passed: ' : 'FAILED: ') + c.evidence, c.passed ? '' : 'failed']; }))
          : list(Object.keys(e.evidence).map(function (k) { return [k, e.evidence[k]]; }));
        cell(tr, evidence, 'evidence');
        body.appendChild(tr);
      });
      status.textContent = entries.length ? entries.length + ' entries.' : 'No migration recorded for ' + office + '.';
    })
    .catch(function (err) {
      status.textContent = 'Audit trail unavailable (' + err.message + '). Log in to Cockpit as HEC first.';
    });
})();
