// The Ecsta configuration dialog: plain JavaScript, no framework, no build step, nothing from outside.
// It talks only to /dialog/api/ on the host that served it; the host validates every value with the same rules
// as the CLI and answers refused values as {errors: [{field, message}]}, shown here beside the fields.
'use strict';

(function () {
  const api = 'api/';
  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  // The manual's pages (4.1 to 4.7 and 5) as tabs. Field names are the validator's.
  const sections = [
    {
      id: 'mode', title: 'Mode', fields: [
        { name: 'name', label: 'Instance name', type: 'text', hint: 'Letters, digits, ".", "_" or "-".' },
        {
          name: 'mode', label: 'Operating mode', type: 'select', options: [
            ['workstation', 'Workstation: one phone, with its user\u2019s login'],
            ['server', 'Server: lines of a group, with a group administrator\u2019s login']]
        },
        { name: 'notes', label: 'Notes', type: 'textarea' }]
    },
    {
      id: 'connection', title: 'Connection', fields: [
        { name: 'profile', label: 'Provider profile', type: 'select', options: [['', 'Individual']], hint: 'A profile fills host, port, connection type and URL prefix.' },
        { name: 'host', label: 'Host name or IP', type: 'text', hint: 'Ecsta looks for DNS SRV records of this name first.' },
        { name: 'port', label: 'Port', type: 'number', hint: '0 = the connection type\u2019s default.' },
        {
          name: 'connectionType', label: 'Connection type', type: 'select', options: [
            ['cti', 'CTI (unencrypted TCP)'], ['ctis', 'CTI (TLS)'], ['http', 'XSI over HTTP'], ['https', 'XSI over HTTPS']]
        },
        { name: 'urlPrefix', label: 'URL prefix', type: 'text', hint: 'Only if the provider puts one before the XSI paths (e.g. nl.cai).' },
        { name: 'user', label: 'User', type: 'text', hint: 'Workstation: the user id. Server: the group administrator.' },
        { name: 'password', label: 'Password', type: 'password', secret: 'passwordSet' },
        { name: 'keepPassword', label: 'Keep the stored password(s) for the changed connection', type: 'checkbox', hint: 'Host, port, connection type, URL prefix or proxy changed: a stored password (and proxy password) goes to the new connection only if you type it again or tick this.' }]
    },
    {
      id: 'lines', title: 'Lines', lists: [
        { name: 'lines', title: 'Lines', item: 'line', columns: [['userId', 'User id'], ['number', 'Number'], ['name', 'Name']], add: 'Add line' }]
    },
    {
      id: 'advanced', title: 'Advanced', fields: [
        { name: 'advanced.returnToHeldOnConsultationEnd', label: 'Return to the held call when a consultation ends', type: 'checkbox' },
        { name: 'advanced.proxy.address', label: 'Proxy (XSI only)', type: 'text', hint: 'An http:// URL such as http://proxy.example:3128; empty for none.' },
        { name: 'advanced.proxy.user', label: 'Proxy user', type: 'text' },
        { name: 'advanced.proxy.password', label: 'Proxy password', type: 'password', secret: 'advanced.proxy.passwordSet' },
        {
          name: 'advanced.lineNameFormat', label: 'Line name format', type: 'select', options: [
            ['Standard', 'Standard: number / name'], ['Number', 'Number'], ['Name', 'Name']]
        },
        { name: 'advanced.snapshotIntervalSeconds', label: 'Snapshot of active calls every (s)', type: 'number', hint: '0 = off.' },
        { name: 'advanced.monitorStartRetrySeconds', label: 'Retry monitor start every (s)', type: 'number' },
        { name: 'advanced.trustedCaPath', label: 'Trusted CA certificate (PEM file)', type: 'text' },
        { name: 'advanced.pinnedCertificateSha256', label: 'Pinned certificate (SHA-256)', type: 'text' }],
      lists: [
        { name: 'advanced.transportSettings', title: 'Transport settings', item: 'setting', columns: [['name', 'Name'], ['value', 'Value']], add: 'Add setting' }]
    },
    {
      id: 'location', title: 'Location', fields: [
        { name: 'location.enabled', label: 'Use location', type: 'checkbox' },
        { name: 'location.location', label: 'Location', type: 'text', hint: 'The international prefix of the extensions, e.g. +49(89)1234: extension 100 becomes +49(89)1234-100.' }]
    },
    {
      id: 'rules', title: 'Number rules', lists: [
        { name: 'numberRules.incoming', title: 'Incoming', item: 'incoming rule', columns: [['search', 'Search'], ['replace', 'Replace'], ['regex', 'Regular expression', 'checkbox']], add: 'Add incoming rule' },
        { name: 'numberRules.outgoing', title: 'Outgoing', item: 'outgoing rule', columns: [['search', 'Search'], ['replace', 'Replace'], ['regex', 'Regular expression', 'checkbox']], add: 'Add outgoing rule' },
        { name: 'numberRules.dial', title: 'PC dial', item: 'dial rule', columns: [['search', 'Search'], ['replace', 'Replace'], ['regex', 'Regular expression', 'checkbox']], add: 'Add dial rule' }]
    }];

  const state = { editing: null, data: null, lists: {}, profiles: [], read: [], dnsVersion: null };

  // ---------- helpers ----------
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function getPath(object, path) {
    return path.split('.').reduce((o, key) => (o === undefined || o === null ? undefined : o[key]), object);
  }

  function setPath(object, path, value) {
    const keys = path.split('.');
    let o = object;
    for (const key of keys.slice(0, -1)) {
      if (o[key] === undefined || o[key] === null) o[key] = {};
      o = o[key];
    }
    o[keys[keys.length - 1]] = value;
  }

  function idOf(name) { return 'f-' + name.replace(/[.[\]]/g, '-'); }

  async function call(method, path, body, extraHeaders) {
    const headers = Object.assign({ 'Accept': 'application/json' }, extraHeaders || {});
    if (method !== 'GET') headers['X-Ecsta-Dialog'] = '1';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch { data = null; }
    }
    if (response.status === 401 && path !== 'login' && path !== 'session') {
      showLogin('Your session ended: log in again.');
    }
    return { status: response.status, ok: response.ok, data };
  }

  function say(message) { $('#status').textContent = message || ''; }

  function show(view) {
    for (const v of ['login-view', 'instances-view', 'editor-view', 'license-view', 'dns-view']) $('#' + v).hidden = v !== view;
    $('#nav').hidden = view === 'login-view';
  }

  // ---------- login ----------
  function showLogin(message) {
    show('login-view');
    $('#login-error').textContent = message || '';
    $('#token').focus();
  }

  async function login(event) {
    event.preventDefault();
    const token = $('#token').value.trim();
    const result = await call('POST', 'login', { token });
    if (result.status === 204) {
      $('#token').value = '';
      $('#login-error').textContent = '';
      await start();
    } else {
      $('#login-error').textContent = 'Refused: ' + ((result.data && result.data.error) || 'the token was not accepted');
    }
  }

  async function logout() {
    await call('POST', 'logout');
    say('');
    showLogin('Logged out.');
  }

  // ---------- instance list ----------
  async function showInstances(message) {
    const result = await call('GET', 'instances');
    if (!result.ok) return;
    const body = $('#instances-table tbody');
    body.replaceChildren();
    for (const i of result.data) {
      const edit = el('button', { type: 'button', class: 'small', 'aria-label': 'Edit ' + i.name, text: 'Edit' });
      edit.addEventListener('click', () => openEditor(i.name));
      body.append(el('tr', { 'data-instance': i.name }, [
        el('td', { text: i.name }), el('td', { text: i.mode }),
        el('td', { text: i.connectionType + '://' + i.host + ':' + i.port }),
        el('td', { text: i.user }), el('td', { text: String(i.lines) }), el('td', {}, [edit])]));
    }
    $('#instances-table').hidden = result.data.length === 0;
    $('#no-instances').hidden = result.data.length !== 0;
    say(message);
    show('instances-view');
  }

  // ---------- editor ----------
  function buildEditor() {
    const tabs = $('#tabs');
    const container = $('#sections');
    for (const section of sections) {
      const tab = el('button', { type: 'button', role: 'tab', id: 'tab-' + section.id, 'aria-controls': 'section-' + section.id, text: section.title });
      tab.addEventListener('click', () => selectTab(section.id));
      tabs.append(tab);
      const fieldset = el('fieldset', { id: 'section-' + section.id, role: 'tabpanel', 'aria-labelledby': 'tab-' + section.id }, [el('legend', { text: section.title })]);
      for (const field of section.fields || []) fieldset.append(buildField(field));
      for (const list of section.lists || []) {
        const wrapper = el('div', { class: 'list', 'data-list': list.name }, [
          el('h3', { text: list.title }),
          el('span', { class: 'error', 'data-error-for': list.name }),
          el('table', {}, [el('thead', {}, [el('tr', {}, [...list.columns.map(c => el('th', { text: c[1] })), el('th')])]), el('tbody')])]);
        const add = el('button', { type: 'button', class: 'small', text: list.add });
        add.addEventListener('click', () => { state.lists[list.name].push(emptyRow(list)); renderList(list); focusLastRow(list); });
        wrapper.append(add);
        if (list.name === 'lines') {
          wrapper.insertBefore(el('p', { class: 'hint', id: 'workstation-lines-hint', hidden: true,
            text: 'Workstation mode serves the login user\u2019s own line only. Number and name may stay empty: they are then taken from the user\u2019s BroadWorks profile.' }), wrapper.querySelector('table'));
        }
        fieldset.append(wrapper);
      }
      container.append(fieldset);
    }
    $('#' + idOf('mode')).addEventListener('change', modeChanged);
    $('#' + idOf('user')).addEventListener('input', () => { if (isWorkstation()) renderList(allLists().find(l => l.name === 'lines')); });
    selectTab('mode');
  }

  function buildField(field) {
    const id = idOf(field.name);
    const wrapper = el('div', { class: 'field' + (field.type === 'checkbox' ? ' checkbox' : '') });
    wrapper.append(el('label', { for: id, text: field.label }));
    let input;
    if (field.type === 'select') {
      input = el('select', { id, name: field.name }, field.options.map(o => el('option', { value: o[0], text: o[1] })));
      if (field.name === 'profile') input.addEventListener('change', applyProfile);
    } else if (field.type === 'textarea') {
      input = el('textarea', { id, name: field.name, rows: '2' });
    } else {
      input = el('input', { id, name: field.name, type: field.type, autocomplete: field.type === 'password' ? 'new-password' : 'off', spellcheck: 'false' });
    }
    wrapper.append(input);
    wrapper.append(el('span', { class: 'error', 'data-error-for': field.name }));
    if (field.hint) wrapper.append(el('p', { class: 'hint', text: field.hint }));
    if (field.secret) wrapper.append(el('p', { class: 'hint', 'data-secret-for': field.name }));
    return wrapper;
  }

  function selectTab(id) {
    for (const section of sections) {
      const selected = section.id === id;
      $('#tab-' + section.id).setAttribute('aria-selected', selected ? 'true' : 'false');
      $('#section-' + section.id).hidden = !selected;
    }
  }

  function emptyRow(list) {
    const row = {};
    for (const [key, , type] of list.columns) row[key] = type === 'checkbox' ? false : '';
    return row;
  }

  function focusLastRow(list) {
    const inputs = $$('[data-list="' + list.name + '"] tbody tr:last-child input');
    if (inputs.length) inputs[0].focus();
  }

  function renderList(list) {
    if (list.name === 'lines' && isWorkstation()) { renderOwnLine(list); return; }
    const rows = state.lists[list.name];
    const body = $('[data-list="' + list.name + '"] tbody');
    body.replaceChildren();
    rows.forEach((row, index) => {
      const cells = list.columns.map(([key, label, type]) => {
        const field = list.name + '[' + index + '].' + key;
        const input = el('input', { type: type === 'checkbox' ? 'checkbox' : 'text', name: field, 'aria-label': list.item + ' ' + (index + 1) + ' ' + label.toLowerCase(), spellcheck: 'false', autocomplete: 'off' });
        if (type === 'checkbox') {
          input.checked = !!row[key];
          input.addEventListener('change', () => { row[key] = input.checked; });
        } else {
          input.value = row[key] || '';
          input.addEventListener('input', () => { row[key] = input.value; });
        }
        return el('td', {}, [input, el('span', { class: 'error', 'data-error-for': field })]);
      });
      const remove = el('button', { type: 'button', class: 'small', 'aria-label': 'Remove ' + list.item + ' ' + (index + 1), text: 'Remove' });
      remove.addEventListener('click', () => { rows.splice(index, 1); renderList(list); });
      body.append(el('tr', {}, [...cells, el('td', {}, [remove])]));
    });
  }

  // ---------- workstation mode: the login user's own line, nothing else (manual 4.4) ----------
  function isWorkstation() { return $('#' + idOf('mode')).value === 'workstation'; }

  function loginUser() { return $('#' + idOf('user')).value.trim(); }

  // The one line of a workstation instance: the configured entry of the login user, if there is one. Its number and
  // name may be left empty: the host then takes them from the user's BroadWorks profile.
  function ownLine() {
    const user = loginUser().toLowerCase();
    const own = state.lists.lines.find(row => (row.userId || '').trim().toLowerCase() === user);
    return own || state.ownLine || { userId: '', number: '', name: '' };
  }

  function renderOwnLine(list) {
    const row = ownLine();
    state.ownLine = row;
    const wrapper = $('[data-list="lines"]');
    const body = $('tbody', wrapper);
    const cells = [el('td', {}, [el('span', { id: 'own-line-user', text: loginUser() || '(the user on the Connection tab)' })])];
    for (const [key, label] of [['number', 'Number'], ['name', 'Name']]) {
      const field = 'lines[0].' + key;
      const input = el('input', { type: 'text', name: field, 'aria-label': 'own line ' + label.toLowerCase(), spellcheck: 'false', autocomplete: 'off', placeholder: 'from BroadWorks' });
      input.value = row[key] || '';
      input.addEventListener('input', () => { row[key] = input.value; });
      cells.push(el('td', {}, [input, el('span', { class: 'error', 'data-error-for': field })]));
    }
    body.replaceChildren(el('tr', {}, [...cells, el('td')]));
  }

  // Mode or login user changed: the Lines tab follows (server: the configured list; workstation: the own line).
  function modeChanged() {
    const workstation = isWorkstation();
    const wrapper = $('[data-list="lines"]');
    $('button', wrapper).hidden = workstation;
    $('#workstation-lines-hint').hidden = !workstation;
    if ($('#read-lines')) $('#read-lines').hidden = workstation || state.editing === null;
    renderList(allLists().find(l => l.name === 'lines'));
  }

  function allLists() { return sections.flatMap(s => s.lists || []); }
  function allFields() { return sections.flatMap(s => s.fields || []); }

  async function loadProfiles() {
    const result = await call('GET', 'profiles');
    if (!result.ok) return;
    // "Individual" (no profile) is the first choice already.
    state.profiles = result.data.filter(p => p.name.toLowerCase() !== 'individual');
    const select = $('#' + idOf('profile'));
    select.replaceChildren(el('option', { value: '', text: 'Individual' }), ...state.profiles.map(p => el('option', { value: p.name, text: p.name })));
  }

  function applyProfile() {
    const profile = state.profiles.find(p => p.name === $('#' + idOf('profile')).value);
    if (!profile) return;
    $('#' + idOf('host')).value = profile.host;
    $('#' + idOf('port')).value = String(profile.port);
    $('#' + idOf('connectionType')).value = profile.connectionType;
    $('#' + idOf('urlPrefix')).value = profile.urlPrefix || '';
    updateKeepPassword();
  }

  // A stored password never follows a changed destination unasked: when host, port, connection type, URL prefix or
  // proxy differ from the saved instance, the page offers "keep the stored password(s)" (else the host refuses the save).
  function fieldValue(name) { return $('#' + idOf(name)).value.trim(); }

  function destinationChanged() {
    const d = state.data;
    if (!d || state.editing === null) return false;
    const saved = [d.host.toLowerCase(), String(d.port), d.connectionType, d.urlPrefix, ((d.advanced.proxy && d.advanced.proxy.address) || '').toLowerCase()];
    const now = [fieldValue('host').toLowerCase(), fieldValue('port') || '0', fieldValue('connectionType'), fieldValue('urlPrefix').replace(/^\/+|\/+$/g, ''), fieldValue('advanced.proxy.address').toLowerCase()];
    return saved.some((value, i) => value !== now[i]);
  }

  function updateKeepPassword() {
    const d = state.data;
    const stored = !!d && (d.passwordSet || !!(d.advanced.proxy && d.advanced.proxy.passwordSet));
    const input = $('#' + idOf('keepPassword'));
    const visible = stored && destinationChanged();
    input.closest('.field').hidden = !visible;
    if (!visible) input.checked = false;
  }

  function blankInstance() {
    return {
      name: '', mode: 'workstation', profile: null, host: '', port: 0, connectionType: 'https', urlPrefix: '', user: '', passwordSet: false, notes: '',
      lines: [], advanced: { returnToHeldOnConsultationEnd: true, proxy: null, lineNameFormat: 'Standard', snapshotIntervalSeconds: 0, monitorStartRetrySeconds: 30, trustedCaPath: null, pinnedCertificateSha256: null, transportSettings: {} },
      location: { enabled: false, location: '' }, numberRules: { incoming: [], outgoing: [], dial: [] }
    };
  }

  async function openEditor(name) {
    await loadProfiles();
    let data;
    if (name === null) {
      data = blankInstance();
    } else {
      const result = await call('GET', 'instances/' + encodeURIComponent(name));
      if (!result.ok) { say((result.data && result.data.error) || 'The instance could not be read.'); return; }
      data = result.data;
    }
    state.editing = name;
    state.data = data;
    fillEditor(data);
    clearErrors();
    resetBroadWorks();
    $('#editor-title').textContent = name === null ? 'New instance' : 'Instance ' + name;
    $('#delete').hidden = name === null;
    selectTab('mode');
    say('');
    show('editor-view');
  }

  function fillEditor(data) {
    for (const field of allFields()) {
      const input = $('#' + idOf(field.name));
      const value = getPath(data, field.name);
      if (field.name === 'profile' && value && !$$('option', input).some(o => o.value === value)) {
        input.append(el('option', { value, text: value + ' (no plugin brings it)' }));
      }
      if (field.type === 'checkbox') input.checked = !!value;
      else if (field.type === 'password') input.value = '';
      else input.value = value === undefined || value === null ? '' : String(value);
      if (field.secret) {
        const set = !!getPath(data, field.secret);
        input.placeholder = set ? 'unchanged' : '';
        $('[data-secret-for="' + field.name + '"]').textContent = set ? 'A password is stored; leave empty to keep it.' : 'No password is stored.';
      }
    }
    updateKeepPassword();
    state.ownLine = null;
    for (const list of allLists()) {
      const value = getPath(data, list.name);
      state.lists[list.name] = list.name === 'advanced.transportSettings'
        ? Object.entries(value || {}).map(([k, v]) => ({ name: k, value: v }))
        : (value || []).map(row => Object.assign({}, row));
      renderList(list);
    }
    modeChanged();
  }

  function numberValue(input) {
    if (input.validity.badInput) return input.value || 'not a number';
    if (input.value.trim() === '') return 0;
    const number = Number(input.value);
    return Number.isInteger(number) ? number : input.value;
  }

  function collect() {
    const data = JSON.parse(JSON.stringify(state.data || blankInstance()));
    for (const field of allFields()) {
      const input = $('#' + idOf(field.name));
      let value;
      if (field.type === 'checkbox') value = input.checked;
      else if (field.type === 'number') value = numberValue(input);
      else if (field.type === 'password') value = input.value === '' ? null : input.value;
      else value = input.value;
      if (field.name === 'profile' && value === '') value = null;
      setPath(data, field.name, value);
    }
    delete data.passwordSet;
    const proxy = data.advanced.proxy;
    if (!proxy || !proxy.address || proxy.address.trim() === '') data.advanced.proxy = null;
    else { delete proxy.passwordSet; proxy.keepPassword = !!data.keepPassword; }
    for (const key of ['trustedCaPath', 'pinnedCertificateSha256']) {
      if (data.advanced[key] === '') data.advanced[key] = null;
    }
    for (const list of allLists()) {
      const rows = state.lists[list.name].map(row => Object.assign({}, row));
      if (list.name === 'advanced.transportSettings') {
        const settings = {};
        for (const row of rows) if (row.name.trim() !== '') settings[row.name.trim()] = row.value;
        setPath(data, list.name, settings);
      } else if (list.name === 'lines' && isWorkstation()) {
        const own = ownLine();
        const number = (own.number || '').trim();
        const name = (own.name || '').trim();
        data.lines = number || name ? [{ userId: loginUser(), number, name }] : [];
      } else {
        setPath(data, list.name, rows);
      }
    }
    return data;
  }

  function clearErrors() {
    $('#form-errors').textContent = '';
    for (const span of $$('#editor [data-error-for]')) span.textContent = '';
    for (const input of $$('#editor .invalid')) input.classList.remove('invalid');
    for (const tab of $$('#tabs button')) tab.classList.remove('has-error');
  }

  // The element that shows an error for a field: the field's own, else its first part (advanced.proxy shows at
  // advanced.proxy.address), else the nearest enclosing one (a list for advanced.transportSettings.httpPort).
  function errorTarget(field) {
    const spans = $$('#editor [data-error-for]');
    const part = spans.find(s => s.getAttribute('data-error-for') === field) || spans.find(s => s.getAttribute('data-error-for').startsWith(field + '.'));
    if (part) return part;
    let name = field;
    while (name) {
      const target = spans.find(s => s.getAttribute('data-error-for') === name);
      if (target) return target;
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      name = cut > 0 ? name.slice(0, cut) : '';
    }
    return null;
  }

  function showErrors(errors) {
    clearErrors();
    const general = [];
    let firstTab = null;
    for (const error of errors) {
      const target = errorTarget(error.field);
      if (!target) { general.push(error.field + ': ' + error.message); continue; }
      target.textContent = target.textContent ? target.textContent + ' ' + error.message : error.message;
      const input = target.previousElementSibling;
      if (input && (input.tagName === 'INPUT' || input.tagName === 'SELECT' || input.tagName === 'TEXTAREA')) {
        input.classList.add('invalid');
        input.setAttribute('aria-invalid', 'true');
      }
      const panel = target.closest('[role=tabpanel]');
      if (panel) {
        const tab = $('#' + panel.getAttribute('aria-labelledby'));
        tab.classList.add('has-error');
        firstTab = firstTab || panel.id.replace('section-', '');
      }
    }
    $('#form-errors').textContent = general.length ? general.join(' \u2022 ') : 'Not saved: correct the marked fields.';
    if (firstTab) selectTab(firstTab);
  }

  // The version the editor was read at: a save or delete against an older one is refused (409) with what changed.
  function ifMatch() { return state.data && state.data.version ? { 'If-Match': '"' + state.data.version + '"' } : {}; }

  async function save(event) {
    event.preventDefault();
    const data = collect();
    const editing = state.editing;
    const result = editing === null
      ? await call('POST', 'instances', data)
      : await call('PUT', 'instances/' + encodeURIComponent(editing), data, ifMatch());
    if (result.ok) {
      await showInstances('Saved instance \u201c' + result.data.name + '\u201d.');
    } else if (result.status === 400 && result.data && result.data.errors) {
      showErrors(result.data.errors);
      say('');
    } else if (result.status !== 401) {
      clearErrors();
      $('#form-errors').textContent = (result.data && result.data.error) || ('Not saved (HTTP ' + result.status + ').');
    }
  }

  async function remove() {
    const name = state.editing;
    if (name === null) return;
    if (!window.confirm('Delete the instance \u201c' + name + '\u201d? Its lines are removed from the running host.')) return;
    const result = await call('DELETE', 'instances/' + encodeURIComponent(name), undefined, ifMatch());
    if (result.status === 204) await showInstances('Deleted instance \u201c' + name + '\u201d.');
    else if (result.status !== 401) $('#form-errors').textContent = (result.data && result.data.error) || 'Not deleted.';
  }

  // ---------- BroadWorks: read the lines, test the connection (the saved instance, as the CLI does) ----------
  function buildBroadWorks() {
    const read = el('div', { class: 'broadworks', id: 'read-lines' }, [
      el('h3', { text: 'Read from BroadWorks' }),
      el('p', { class: 'hint', text: 'Reads the lines with the saved connection settings; nothing is saved until you save the instance.' }),
      el('div', { class: 'field' }, [
        el('label', { for: 'directory-user', text: 'Directory user (server mode)' }),
        el('input', { id: 'directory-user', type: 'text', autocomplete: 'off', spellcheck: 'false' }),
        el('span', { class: 'error', id: 'directory-user-error' }),
        el('p', { class: 'hint', text: 'A user of the group whose group directory lists the lines; empty: the first configured line.' })]),
      el('button', { type: 'button', id: 'read-lines-button', class: 'small', text: 'Read from BroadWorks' }),
      el('p', { class: 'status', id: 'read-lines-status', 'aria-live': 'polite' }),
      el('p', { class: 'error', id: 'read-lines-error', 'aria-live': 'polite' }),
      el('table', { id: 'read-lines-table', hidden: true }, [
        el('thead', {}, [el('tr', {}, [el('th', { text: 'Add' }), el('th', { text: 'User id' }), el('th', { text: 'Number' }), el('th', { text: 'Extension' }), el('th', { text: 'Name' }), el('th', { text: 'Configured' })])]),
        el('tbody')]),
      el('button', { type: 'button', id: 'add-selected', class: 'small', hidden: true, text: 'Add selected' })]);
    $('#section-lines').append(read);
    $('#read-lines-button').addEventListener('click', readLines);
    $('#add-selected').addEventListener('click', addSelected);

    const test = el('div', { class: 'broadworks', id: 'connection-test' }, [
      el('h3', { text: 'Connection test' }),
      el('p', { class: 'hint', text: 'Tests the saved connection settings: SRV lookup, connect, authenticate, event channel and subscription.' }),
      el('button', { type: 'button', id: 'test-connection', class: 'small', text: 'Test connection' }),
      el('p', { class: 'status', id: 'connection-test-status', 'aria-live': 'polite' }),
      el('p', { class: 'error', id: 'connection-test-error', 'aria-live': 'polite' }),
      el('table', { id: 'connection-test-steps', hidden: true }, [
        el('thead', {}, [el('tr', {}, [el('th', { text: 'Result' }), el('th', { text: 'Step' }), el('th', { text: 'Target' }), el('th', { text: 'Detail' })])]),
        el('tbody')])]);
    $('#section-connection').append(test);
    $('#test-connection').addEventListener('click', testConnection);
  }

  function resetBroadWorks() {
    state.read = [];
    for (const id of ['read-lines-status', 'read-lines-error', 'directory-user-error', 'connection-test-status', 'connection-test-error']) $('#' + id).textContent = '';
    $('#directory-user').value = '';
    $('#read-lines-table tbody').replaceChildren();
    $('#connection-test-steps tbody').replaceChildren();
    $('#read-lines-table').hidden = true;
    $('#add-selected').hidden = true;
    $('#connection-test-steps').hidden = true;
    $('#read-lines').hidden = state.editing === null || isWorkstation();
    $('#connection-test').hidden = state.editing === null;
  }

  function failureText(result) {
    if (result.data && result.data.errors) return result.data.errors.map(e => e.message).join(' ');
    return (result.data && result.data.error) || ('BroadWorks could not be asked (HTTP ' + result.status + ').');
  }

  async function readLines() {
    const button = $('#read-lines-button');
    $('#read-lines-error').textContent = '';
    $('#directory-user-error').textContent = '';
    $('#read-lines-status').textContent = 'Reading\u2026';
    button.disabled = true;
    try {
      const result = await call('POST', 'instances/' + encodeURIComponent(state.editing) + '/lines/read', { directoryUser: $('#directory-user').value.trim() || null });
      $('#read-lines-status').textContent = '';
      if (!result.ok) {
        if (result.status !== 401) {
          const field = result.data && result.data.errors && result.data.errors[0] && result.data.errors[0].field === 'directoryUser';
          $(field ? '#directory-user-error' : '#read-lines-error').textContent = failureText(result);
        }
        return;
      }
      state.read = result.data.lines;
      renderReadLines();
      const configured = state.read.filter(l => l.configured).length;
      $('#read-lines-status').textContent = state.read.length + ' lines read, ' + configured + ' of them configured already.';
    } finally {
      button.disabled = false;
    }
  }

  function inEditor(userId) {
    return state.lists.lines.some(row => (row.userId || '').trim().toLowerCase() === userId.toLowerCase());
  }

  function renderReadLines() {
    const body = $('#read-lines-table tbody');
    body.replaceChildren(...state.read.map((line, index) => {
      const present = line.configured || inEditor(line.userId);
      const box = el('input', { type: 'checkbox', 'data-read-line': String(index), 'aria-label': 'Add ' + line.userId, disabled: present });
      return el('tr', {}, [el('td', {}, [box]), el('td', { text: line.userId }), el('td', { text: line.number || '' }),
        el('td', { text: line.extension || '' }), el('td', { text: line.name || '' }), el('td', { text: line.configured ? 'yes' : (present ? 'added' : '') })]);
    }));
    $('#read-lines-table').hidden = state.read.length === 0;
    $('#add-selected').hidden = state.read.length === 0;
  }

  function addSelected() {
    const list = allLists().find(l => l.name === 'lines');
    let added = 0;
    for (const box of $$('#read-lines-table [data-read-line]')) {
      if (!box.checked || box.disabled) continue;
      const line = state.read[Number(box.getAttribute('data-read-line'))];
      if (inEditor(line.userId)) continue;
      state.lists.lines.push({ userId: line.userId, number: line.number || '', name: line.name || '' });
      added++;
    }
    renderList(list);
    renderReadLines();
    $('#read-lines-status').textContent = added + ' lines added to the table: save the instance to keep them.';
  }

  async function testConnection() {
    const button = $('#test-connection');
    $('#connection-test-error').textContent = '';
    $('#connection-test-status').textContent = 'Testing\u2026';
    $('#connection-test-steps').hidden = true;
    button.disabled = true;
    try {
      const result = await call('POST', 'instances/' + encodeURIComponent(state.editing) + '/connection-test');
      $('#connection-test-status').textContent = '';
      if (!result.ok) {
        if (result.status !== 401) $('#connection-test-error').textContent = failureText(result);
        return;
      }
      $('#connection-test-steps tbody').replaceChildren(...result.data.steps.map(step => el('tr', { 'data-step': step.step }, [
        el('td', { text: step.success ? 'ok' : 'failed' }), el('td', { text: step.step }),
        el('td', { text: step.target ? step.target.host + ':' + step.target.port : '' }), el('td', { text: step.detail })])));
      $('#connection-test-steps').hidden = false;
      if (result.data.success) $('#connection-test-status').textContent = 'Connection test passed.';
      else $('#connection-test-error').textContent = 'Connection test failed.';
    } finally {
      button.disabled = false;
    }
  }

  // ---------- license ----------
  function renderLicense(status) {
    const list = $('#license-status');
    list.replaceChildren();
    const rows = [['Mode', status.mode], ['Seats', status.seatsInUse + ' in use of ' + status.seatsTotal]];
    if (status.mode === 'trial') rows.splice(1, 0, ['Trial days left', String(status.daysLeft)]);
    if (status.reason) rows.push(['Note', status.reason]);
    for (const [term, value] of rows) list.append(el('dt', { text: term }), el('dd', { 'data-license': term.toLowerCase(), text: value }));
    const body = $('#license-codes tbody');
    body.replaceChildren(...status.codes.map(c => el('tr', {}, [
      el('td', { text: c.id }), el('td', { text: c.licensee }), el('td', { text: String(c.lines) }),
      el('td', { text: c.issuedOn }), el('td', { text: c.expiresOn || '' }), el('td', { text: c.valid ? 'yes' : 'no' })])));
    $('#license-codes').hidden = status.codes.length === 0;
  }

  async function showLicense() {
    const result = await call('GET', 'license');
    say('');
    $('[data-error-for="code"]').textContent = '';
    if (result.ok) renderLicense(result.data);
    else if (result.status !== 401) { $('#license-status').replaceChildren(el('dd', { text: (result.data && result.data.error) || 'No license information.' })); }
    if (result.status !== 401) show('license-view');
  }

  async function addCode(event) {
    event.preventDefault();
    const error = $('[data-error-for="code"]');
    error.textContent = '';
    const result = await call('POST', 'license/codes', { code: $('#license-code').value });
    if (result.ok) {
      $('#license-code').value = '';
      renderLicense(result.data.status);
      say(result.data.reason || 'License code added.');
    } else if (result.data && result.data.errors) {
      error.textContent = result.data.errors.map(e => e.message).join(' ');
    } else if (result.data && result.data.error) {
      error.textContent = result.data.error;
    }
  }

  // ---------- DNS: the name servers of every instance's lookups (dns.nameServers) ----------
  function dnsError(message) {
    const input = $('#dns-name-servers');
    $('[data-error-for="dns.nameServers"]').textContent = message || '';
    input.classList.toggle('invalid', !!message);
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  // The version the name servers were read at: a save against an older one is refused (409) with what is stored now.
  function showDnsData(data) {
    state.dnsVersion = data.version;
    $('#dns-name-servers').value = data.nameServers.join('\n');
  }

  async function showDns() {
    const result = await call('GET', 'dns');
    say('');
    dnsError('');
    if (result.ok) showDnsData(result.data);
    if (result.status !== 401) show('dns-view');
  }

  async function saveDns(event) {
    event.preventDefault();
    dnsError('');
    const nameServers = $('#dns-name-servers').value.split('\n').map(line => line.trim()).filter(line => line !== '');
    const result = await call('PUT', 'dns', { nameServers }, { 'If-Match': '"' + (state.dnsVersion || '') + '"' });
    if (result.ok) {
      showDnsData(result.data);
      say(result.data.systemResolver ? 'Saved: the operating system\u2019s resolver answers.' : 'Saved the name servers.');
    } else if (result.status !== 401) {
      say('');
      dnsError(failureText(result));
    }
  }

  // ---------- start ----------
  async function start() {
    const session = await call('GET', 'session');
    if (!session.ok) { showLogin(session.status === 401 ? '' : 'The host did not answer (HTTP ' + session.status + ').'); return; }
    const note = $('#demo-note');
    note.hidden = !session.data.demo;
    note.textContent = session.data.demo
      ? 'Demo mode: the demo instance lives only in memory. Instances saved here are written to ' + session.data.configurationPath + ' and used when the host starts with that file.'
      : '';
    await showInstances('');
  }

  document.addEventListener('DOMContentLoaded', () => {
    buildEditor();
    buildBroadWorks();
    $('#login-form').addEventListener('submit', login);
    $('#logout').addEventListener('click', logout);
    $('#nav-instances').addEventListener('click', () => showInstances(''));
    $('#nav-license').addEventListener('click', showLicense);
    $('#nav-dns').addEventListener('click', showDns);
    $('#dns-form').addEventListener('submit', saveDns);
    $('#new-instance').addEventListener('click', () => openEditor(null));
    $('#cancel').addEventListener('click', () => showInstances(''));
    $('#delete').addEventListener('click', remove);
    $('#editor').addEventListener('submit', save);
    $('#editor').addEventListener('input', updateKeepPassword);
    $('#editor').addEventListener('change', updateKeepPassword);
    $('#license-form').addEventListener('submit', addCode);
    start();
  });
}());
