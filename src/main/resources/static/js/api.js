// Talking to the service, and the message box its errors end up in. Every request carries the API
// token the planner pasted (Authorization: Bearer); a 401 asks for one and sends the request again.
import { $ } from './dom.js';
import { lang, t } from './i18n.js';

const TOKEN_KEY = 'kam-planner.token';

// ---------------------------------------------------------------- the token

/**
 * The token for this tab (sessionStorage, gone when the tab closes) or, if the planner ticked
 * "remember", for this browser (localStorage). Never in a cookie: the service reads only the header,
 * so another site cannot make the browser send it.
 */
function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY);
}

function storeToken(token, remember) {
  forgetToken();
  (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
  $('sign-out').hidden = false;
}

function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
  $('sign-out').hidden = true;
}

/** Forgets the token and starts the page afresh: the next request asks for a token again. */
export function signOut() {
  forgetToken();
  window.location.reload();
}

let signingIn = null;  // the sign-in every request that met a 401 waits for

/** Shows the sign-in form; resolves once a token is pasted, rejects when the planner cancels. */
function signIn(note) {
  if (!signingIn) {
    signingIn = new Promise((resolve, reject) => {
      const dialog = $('sign-in');
      const form = $('sign-in-form');
      $('sign-in-note').textContent = note;
      $('token').value = '';
      const done = (token) => {
        form.removeEventListener('submit', submit);
        dialog.removeEventListener('cancel', cancel);
        $('sign-in-cancel').removeEventListener('click', cancel);
        if (dialog.open) dialog.close();
        signingIn = null;
        if (token) resolve(); else reject(new Error(t('signIn.notSignedIn')));
      };
      const submit = (e) => {
        e.preventDefault();
        const token = $('token').value.trim();
        if (!/^[\x21-\x7e]+$/.test(token)) {
          // A header can carry nothing else; the service's own tokens are letters, digits, - and _.
          $('sign-in-note').textContent = t('signIn.notAToken');
          return;
        }
        storeToken(token, $('remember').checked);
        done(token);
      };
      const cancel = (e) => { e.preventDefault(); done(null); };
      form.addEventListener('submit', submit);
      dialog.addEventListener('cancel', cancel);
      $('sign-in-cancel').addEventListener('click', cancel);
      dialog.showModal();
      $('token').focus();
    });
  }
  return signingIn;
}


/**
 * fetch with the token; a 401 asks for a (new) token and tries again. Without any token it asks first:
 * every endpoint needs one, and the browser would log the 401 as an error.
 */
export async function authFetch(url, init = {}) {
  for (;;) {
    if (!storedToken()) await signIn(t('signIn.ask'));
    const token = storedToken();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    // The service's sentences and error titles in the page's language.
    headers.set('Accept-Language', lang());
    const response = await fetch(url, { ...init, headers });
    if (response.status !== 401) return response;
    if (token !== storedToken()) continue;  // signed in again meanwhile: retry with the new token
    forgetToken();
    await signIn(t('signIn.rejected'));
  }
}

// ---------------------------------------------------------------- requests

/** Fetches JSON; a problem+json answer becomes an Error whose message lists each "path: message". */
export async function api(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return json(await authFetch(url, init));
}

/**
 * Every item of a list the service answers a page at a time (GET /plans): the pages one after another,
 * following each answer's Link rel="next" (RFC 8288) until there is none.
 */
export async function apiAll(url) {
  const items = [];
  for (let next = url; next;) {
    const response = await authFetch(next, { headers: { Accept: 'application/json' } });
    items.push(...await json(response));
    next = nextLink(response.headers.get('Link'));
  }
  return items;
}

function nextLink(header) {
  const next = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header || '');
  return next ? next[1] : null;
}

async function json(response) {
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw problemError(response, data);
  return data;
}

/**
 * Downloads a file of the service as the browser would a link, but with the token: a plain link
 * could not send the Authorization header.
 */
export async function download(url, fileName) {
  const response = await authFetch(url);
  if (!response.ok) {
    const text = await response.text();
    let data = null;
    try { data = JSON.parse(text); } catch { /* not a problem+json */ }
    throw problemError(response, data);
  }
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Freed once the browser has surely taken the file.
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}

function problemError(response, data) {
  const lines = (data && data.errors || []).map((e) => `${e.path}: ${e.message}`);
  const detail = data && (data.detail || data.title) || response.statusText;
  const error = new Error([detail, ...lines].join('\n'));
  // Each problem by its path, for a form to show at its field (settingsForm.showProblems).
  error.problems = data && data.errors || [];
  return error;
}

export function showMessage(text, info = false) {
  const box = $('message');
  box.textContent = text;
  box.className = info ? 'message info' : 'message';
  box.hidden = !text;
}

/** Runs an action of the planner's; its error, if any, is shown in the message box. */
export async function guarded(action) {
  try {
    showMessage('');
    await action();
  } catch (error) {
    showMessage(error.message);
  }
}

/** The sign-out button shows while a token is stored. */
export function showSignOut() {
  $('sign-out').hidden = !storedToken();
}
