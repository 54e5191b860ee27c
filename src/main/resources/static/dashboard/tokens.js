// HEC's API tokens (/api/tokens): list, issue, revoke, with the CSRF token the list's GET answers with (PageCsrf).
// The secret of a new token is shown once, in the box above the list; the list never has it. Every text goes in
// through textContent or an input's value: nothing the API returns is parsed as HTML.
(function () {
  var status = document.getElementById('status');
  var csrf = null;
  var el = CwbiPage.el;
  var when = CwbiPage.when;

  function call(method, path, body) {
    var init = {method: method, credentials: 'same-origin', headers: {Accept: 'application/json'}};
    if (method !== 'GET') init.headers['X-XSRF-TOKEN'] = csrf || '';
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      if (method === 'GET') csrf = r.headers.get('X-XSRF-TOKEN') || csrf;
      return r.json().catch(function () { return {}; }).then(function (p) {
        if (!r.ok) {
          var e = new Error(r.status + ': ' + (p.message || r.statusText));
          e.status = r.status;
          throw e;
        }
        return p;
      });
    });
  }

  function render(tokens) {
    var body = document.querySelector('#tokens tbody');
    body.textContent = '';
    tokens.forEach(function (t) {
      var tr = body.appendChild(el('tr', 'token'));
      tr.setAttribute('data-id', t.id);
      tr.appendChild(el('td', null, t.office));
      tr.appendChild(el('td', 'name', t.name));
      tr.appendChild(el('td', null, t.issuedBy));
      tr.appendChild(el('td', 'time', when(t.issuedAt)));
      tr.appendChild(el('td', 'time', t.lastUsedAt ? when(t.lastUsedAt) : 'never'));
      tr.appendChild(el('td', t.revoked ? 'state revoked' : 'state active',
        t.revoked ? 'Revoked by ' + t.revokedBy + ', ' + when(t.revokedAt) : 'Active'));
      var action = tr.appendChild(el('td'));
      if (!t.revoked) {
        var button = action.appendChild(el('button', 'revoke', 'Revoke'));
        button.type = 'button';
        // two clicks: the first asks (no modal dialog), the second revokes
        button.addEventListener('click', function () {
          if (!button.classList.contains('armed')) {
            button.classList.add('armed');
            button.textContent = 'Revoke: are you sure? Click again';
            return;
          }
          call('DELETE', '/api/tokens/' + encodeURIComponent(t.id))
            .then(function () { status.textContent = 'Revoked "' + t.name + '".'; return load(); })
            .catch(failed);
        });
      }
    });
  }

  function load() {
    return call('GET', '/api/tokens').then(function (tokens) {
      render(tokens);
      if (!status.classList.contains('done')) {
        status.textContent = tokens.length ? tokens.length + ' tokens, newest first.' : 'No tokens issued yet.';
      }
    });
  }

  function failed(err) {
    status.className = 'error';
    status.textContent = 'Not done (' + err.message + ').' +
      (err.status === 401 ? ' Log in to Cockpit as HEC first.' : '');
  }

  document.getElementById('issue').addEventListener('submit', function (event) {
    event.preventDefault();
    var office = document.getElementById('office').value.trim();
    var name = document.getElementById('name').value.trim();
    call('POST', '/api/tokens', {office: office, name: name}).then(function (t) {
      document.getElementById('secret').value = t.token;
      document.getElementById('issued-for').textContent = 'Office ' + t.office + ', "' + t.name + '".';
      document.getElementById('issued').hidden = false;
      document.getElementById('name').value = '';
      status.className = 'done';
      status.textContent = 'Issued "' + t.name + '" for ' + t.office + '.';
      return load();
    }).catch(failed);
  });

  load().catch(failed);
})();
