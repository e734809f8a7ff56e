// The upload page: pick, drop or snap a photo, send it to /api/search, draw a box on each face and the
// look-alikes per face, each marked "likely the same person" when its similarity reaches the model's calibrated
// threshold; a click on one opens its stored photo with the face's box and the profile link. Plain DOM code, no
// framework and nothing loaded from elsewhere. Text from the server (names) is always set as textContent.
// A server with http.require-key=true answers 401 without a key: the page then asks for one, keeps it in this tab's
// sessionStorage (gone when the tab closes) and sends it as the X-API-Key header with every call, images included
// (fetched, then shown from a blob URL, since an <img> cannot send a header).
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const COLORS = 6;
  let stream = null;
  let photo = null;   // the photo whose results are shown: blends send it again
  const KEY = 'facesearch.apiKey';
  let keyInPage = '';   // the key when the browser refuses sessionStorage: it then lasts until a reload

  function apiKey() {
    try { return sessionStorage.getItem(KEY) || keyInPage; } catch (e) { return keyInPage; }
  }

  function storeKey(key) {
    keyInPage = key;
    try {
      if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
    } catch (e) { /* kept in the page only */ }
  }

  // fetch with the API key, when one is set
  function api(url, options = {}) {
    const headers = new Headers(options.headers || {});
    const key = apiKey();
    if (key) headers.set('X-API-Key', key);
    return fetch(url, {...options, headers});
  }

  // the message for a 401 or 403 (and the key form opened), or null for any other status
  function refusal(status, body) {
    if (status === 401) {
      showKeyForm(true);
      return apiKey() ? 'The API key was refused (unknown or revoked). Enter another key above.'
        : 'This server requires an API key. Enter it above.';
    }
    if (status === 403) return 'This API key may not do that: ' + (body.error || 'forbidden') + '.';
    return null;
  }

  // an image from the API: straight from its URL without a key, else fetched with the key into a blob URL
  async function setImage(img, url) {
    if (!apiKey()) { img.src = url; return; }
    try {
      const r = await api(url);
      if (!r.ok) { img.alt = `${img.alt} (not shown: the server answered ${r.status})`; return; }
      img.src = URL.createObjectURL(await r.blob());
    } catch (e) { img.alt = `${img.alt} (not shown: the server cannot be reached)`; }
  }

  function showKeyForm(on) {
    show($('key-form'), on);
    show($('key-button'), !on && !!apiKey());
    if (on) $('key').focus();
  }

  function show(el, on) { el.hidden = !on; }

  function message(text, kind) {
    const m = $('message');
    m.textContent = text || '';
    m.className = 'message' + (kind === 'info' ? ' info' : '');
    show(m, !!text);
  }

  async function loadStats() {
    try {
      const r = await api('/api/stats');
      if (r.status === 401 || r.status === 403) { message(refusal(r.status, await r.json().catch(() => ({})))); return; }
      if (!r.ok) return;
      const s = await r.json();
      $('limit').textContent = `up to ${Math.floor(s.maxUploadBytes / 1048576) || 1} MB`;
      $('stats').textContent = `${s.faces.toLocaleString()} faces · ${s.profiles.toLocaleString()} profiles · ${s.clusters} cluster${s.clusters === 1 ? '' : 's'} · ${s.model}`;
    } catch (e) { /* stats are decoration */ }
  }

  async function search(blob) {
    message('');
    show($('results'), false);
    if (!blob.type.startsWith('image/') && blob.type !== '') {
      message('That file is not an image. Choose a JPEG, PNG, GIF or BMP photo.');
      return;
    }
    show($('busy'), true);
    const form = new FormData();
    form.append('photo', blob, blob.name || 'photo.jpg');
    let response, body;
    try {
      response = await api('/api/search?top=10', {method: 'POST', body: form});
      body = await response.json().catch(() => ({}));
    } catch (e) {
      show($('busy'), false);
      message('The server cannot be reached. Is it still running?');
      return;
    }
    show($('busy'), false);
    if (!response.ok) {
      const why = body.error || `the server answered ${response.status}`;
      const refused = refusal(response.status, body);
      if (refused) { message(refused); return; }
      const prefix = {413: 'This photo is too large: ', 415: 'This file is not a photo we can read: ', 503: 'The server is busy: '}[response.status] || '';
      message(prefix + why);
      return;
    }
    photo = blob;
    await render(blob, body, indexMillis(response));
  }

  // the index search's milliseconds from the answer's Server-Timing header (index;dur=MS), or null
  function indexMillis(response) {
    const m = /(?:^|,\s*)index;dur=([0-9.]+)/.exec(response.headers.get('Server-Timing') || '');
    return m ? Number(m[1]) : null;
  }

  function render(blob, result, searchMillis) {
    return new Promise(resolve => {
      const img = $('photo');
      const frame = $('photo-frame');
      frame.querySelectorAll('.box').forEach(b => b.remove());
      $('faces').replaceChildren();
      img.onload = () => {
        const w = img.naturalWidth, h = img.naturalHeight;
        // the API lists the strongest detections first; people read a photo left to right
        const faces = [...result.faces].sort((a, b) => a.box.x - b.box.x);
        faces.forEach((face, i) => {
          const c = `var(--face-${i % COLORS})`;
          const box = document.createElement('div');
          box.className = 'box';
          box.style.setProperty('--c', c);
          box.style.left = (100 * face.box.x / w) + '%';
          box.style.top = (100 * face.box.y / h) + '%';
          box.style.width = (100 * face.box.width / w) + '%';
          box.style.height = (100 * face.box.height / h) + '%';
          const label = document.createElement('span');
          label.textContent = String(i + 1);
          box.append(label);
          frame.append(box);
          $('faces').append(faceSection(img, face, i, c, result.faces.indexOf(face) + 1));
        });
        const n = result.facesFound;
        $('summary').textContent = n === 0 ? 'No face found.'
          : `${n} face${n === 1 ? '' : 's'} found` + (result.faces.length < n ? `, the ${result.faces.length} clearest searched` : '')
            + ` among ${result.indexedFaces.toLocaleString()} stored faces`
            + (searchMillis === null ? '.' : `, searched in ${searchMillis < 10 ? searchMillis.toFixed(1) : Math.round(searchMillis)} ms.`);
        if (n === 0) message('No face was found in this photo. Try one where a face is clearly visible, looking at the camera.', 'info');
        else if (result.indexedFaces === 0) message('No faces are stored yet, so there is nobody to compare with. Import a gallery or crawl first.', 'info');
        show($('results'), true);
        document.body.classList.add('has-results');
        resolve();
      };
      img.src = URL.createObjectURL(blob);
    });
  }

  function faceSection(img, face, i, color, number) {
    const section = document.createElement('section');
    section.className = 'face';
    section.style.setProperty('--c', color);
    const head = document.createElement('div');
    head.className = 'face-head';
    head.append(faceCrop(img, face.box));
    const title = document.createElement('div');
    const h = document.createElement('h2');
    h.textContent = `Face ${i + 1}`;
    const p = document.createElement('p');
    p.className = 'verdict' + (face.matches.length && !face.samePersonFound ? ' none' : face.samePersonFound ? ' found' : '');
    const same = face.matches.filter(m => m.samePerson);
    p.textContent = !face.matches.length ? 'No look-alikes stored yet'
      : face.samePersonFound ? `Likely the same person: ${[...new Set(same.map(m => m.name))].join(', ')}`
      : 'No one in the database is likely this person; the closest look-alikes:';
    p.title = `"Likely the same person" means a similarity of at least ${Math.round(face.threshold * 1000) / 10}% (the model's calibrated threshold)`;
    title.append(h, p);
    head.append(title);
    const strip = document.createElement('div');
    strip.className = 'strip';
    strip.dataset.face = String(i + 1);
    const blend = document.createElement('div');
    blend.className = 'blend-view';
    blend.hidden = true;
    face.matches.forEach((m, j) => strip.append(matchCard(m, j, () => showBlend(blend, img, face, number, m))));
    if (!face.matches.length) {
      const e = document.createElement('p');
      e.className = 'empty';
      e.textContent = 'Nobody to compare with.';
      strip.append(e);
    }
    section.append(head, strip, blend);
    return section;
  }

  // the blended face of this face and match m, beside the two faces it came from
  async function showBlend(view, img, face, number, m) {
    const caption = document.createElement('p');
    caption.className = 'blend-caption';
    caption.textContent = `Blending face ${number} with ${m.name}…`;
    view.replaceChildren(caption);
    show(view, true);
    const form = new FormData();
    form.append('photo', photo, photo.name || 'photo.jpg');
    let response;
    try {
      response = await api(`/api/blend?face=${number}&match=${m.faceId}`, {method: 'POST', body: form});
    } catch (e) {
      caption.textContent = 'The server cannot be reached. Is it still running?';
      return;
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      caption.textContent = refusal(response.status, body) || 'No blend: ' + (body.error || `the server answered ${response.status}`);
      return;
    }
    const blended = document.createElement('img');
    blended.className = 'blended';
    blended.alt = `blend of face ${number} and ${m.name}`;
    blended.src = URL.createObjectURL(await response.blob());
    const theirs = document.createElement('img');
    theirs.alt = m.name;
    setImage(theirs, m.thumbnailUrl);
    const yours = faceCrop(img, face.box);
    const plus = document.createElement('span'), equals = document.createElement('span');
    plus.textContent = '+';
    equals.textContent = '=';
    caption.textContent = `Face ${number} and ${m.name}, blended`;
    view.replaceChildren(yours, plus, theirs, equals, blended, caption);
  }

  function faceCrop(img, b) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 112;
    const side = Math.max(b.width, b.height) * 1.4;
    const x = b.x + b.width / 2 - side / 2, y = b.y + b.height / 2 - side / 2;
    canvas.getContext('2d').drawImage(img, x, y, side, side, 0, 0, 112, 112);
    return canvas;
  }

  function matchCard(m, j, onBlend) {
    const card = document.createElement('div');
    card.className = 'card';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'blend';
    button.textContent = 'blend';
    button.title = `A face that looks like both you and ${m.name}`;
    button.addEventListener('click', onBlend);
    const a = document.createElement('a');
    a.className = 'match' + (j === 0 ? ' best' : '') + (m.samePerson ? ' same' : '');
    a.href = `#face-${m.faceId}`;
    a.dataset.faceId = String(m.faceId);
    a.title = `${m.name} — similarity ${(m.similarity * 100).toFixed(1)}%, distance ${m.distance.toFixed(3)}`
      + (m.samePerson ? ' — likely the same person' : ' — a look-alike');
    a.addEventListener('click', e => { e.preventDefault(); openViewer(m); });
    const thumb = document.createElement('img');
    thumb.alt = m.name;
    thumb.loading = 'lazy';
    setImage(thumb, m.thumbnailUrl);
    const meta = document.createElement('div');
    meta.className = 'meta';
    const name = document.createElement('div');
    name.className = 'name';
    name.textContent = m.name;
    const sim = document.createElement('div');
    sim.className = 'sim';
    const pct = document.createElement('span');
    pct.textContent = `${Math.round(m.similarity * 100)}%`;
    const src = document.createElement('span');
    src.textContent = /^https?:/i.test(m.link || '') ? new URL(m.link).hostname.replace(/^www\./, '') : 'gallery';
    sim.append(pct, src);
    const bar = document.createElement('div');
    bar.className = 'bar';
    const fill = document.createElement('i');
    fill.style.width = Math.max(0, Math.min(100, m.similarity * 100)) + '%';
    bar.append(fill);
    meta.append(name, sim, bar);
    if (m.samePerson) {
      const badge = document.createElement('div');
      badge.className = 'badge';
      badge.textContent = 'likely the same person';
      meta.append(badge);
    }
    a.append(thumb, meta);
    card.append(a, button);
    return card;
  }

  // the matched face in its stored photo, with its box, verdict and profile link
  async function openViewer(m) {
    const viewer = $('viewer'), frame = $('viewer-frame'), img = $('viewer-photo');
    frame.querySelectorAll('.box').forEach(b => b.remove());
    img.removeAttribute('src');
    $('viewer-name').textContent = m.name;
    $('viewer-verdict').textContent = `${m.samePerson ? 'Likely the same person' : 'A look-alike'} · similarity ${(m.similarity * 100).toFixed(1)}%`;
    $('viewer-verdict').className = m.samePerson ? 'verdict found' : 'verdict';
    const link = $('viewer-profile');
    show(viewer, true);
    $('viewer-close').focus();
    let face;
    try {
      const r = await api(`/api/faces/${m.faceId}`);
      face = await r.json();
      if (!r.ok) throw new Error(refusal(r.status, face) || face.error || r.status);
    } catch (e) {
      $('viewer-verdict').textContent = 'This face cannot be shown: ' + (e.message || e);
      return;
    }
    const url = [face.profileUrl, m.link].find(u => /^https?:\/\//i.test(u || ''));
    if (url) {
      link.href = url;
      link.textContent = `Profile: ${url}`;
      show(link, true);
    } else {
      link.removeAttribute('href');
      link.textContent = `Local gallery: ${face.name}`;
      show(link, true);
    }
    img.onload = () => {
      const box = document.createElement('div');
      box.className = 'box';
      box.style.setProperty('--c', 'var(--face-3)');
      box.style.left = (100 * face.box.x / img.naturalWidth) + '%';
      box.style.top = (100 * face.box.y / img.naturalHeight) + '%';
      box.style.width = (100 * face.box.width / img.naturalWidth) + '%';
      box.style.height = (100 * face.box.height / img.naturalHeight) + '%';
      frame.append(box);
    };
    setImage(img, face.photo);
  }
  function closeViewer() { show($('viewer'), false); }
  $('viewer-close').addEventListener('click', closeViewer);
  $('viewer').addEventListener('click', e => { if (e.target === $('viewer')) closeViewer(); });
  window.addEventListener('keydown', e => { if (e.key === 'Escape') closeViewer(); });

  // picking, dropping, pasting
  $('file').addEventListener('change', e => { if (e.target.files[0]) search(e.target.files[0]); e.target.value = ''; });
  const drop = $('drop');
  ['dragenter', 'dragover'].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.add('over'); }));
  ['dragleave', 'drop'].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.remove('over'); }));
  drop.addEventListener('drop', e => { const f = e.dataTransfer.files[0]; if (f) search(f); });
  drop.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file').click(); } });
  window.addEventListener('paste', e => {
    const item = [...(e.clipboardData || {}).items || []].find(i => i.type.startsWith('image/'));
    if (item) search(item.getAsFile());
  });

  // camera snapshot, where the browser allows it (a secure context: https or localhost)
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) show($('camera'), true);
  function stopCamera() {
    if (stream) stream.getTracks().forEach(t => t.stop());
    stream = null;
    show($('camera-panel'), false);
  }
  $('camera').addEventListener('click', async () => {
    message('');
    try {
      stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'user'}, audio: false});
      $('video').srcObject = stream;
      show($('camera-panel'), true);
    } catch (e) {
      message('The camera is not available: ' + (e.message || e.name));
    }
  });
  $('camera-cancel').addEventListener('click', stopCamera);
  $('snap').addEventListener('click', () => {
    const v = $('video');
    const c = document.createElement('canvas');
    c.width = v.videoWidth; c.height = v.videoHeight;
    c.getContext('2d').drawImage(v, 0, 0);
    stopCamera();
    c.toBlob(b => search(new File([b], 'camera.jpg', {type: 'image/jpeg'})), 'image/jpeg', 0.92);
  });

  // the API key: asked for when the server refuses without one, kept for this tab only
  $('key-form').addEventListener('submit', e => {
    e.preventDefault();
    const key = $('key').value.trim();
    if (!key) return;
    storeKey(key);
    $('key').value = '';
    showKeyForm(false);
    message('');
    loadStats();
  });
  $('key-forget').addEventListener('click', () => {
    storeKey('');
    $('key').value = '';
    showKeyForm(false);
    loadStats();
  });
  $('key-button').addEventListener('click', () => showKeyForm(true));
  show($('key-button'), !!apiKey());

  loadStats();
})();
