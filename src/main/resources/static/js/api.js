// Talking to the service, and the message box its errors end up in.
import { $ } from './dom.js';

/** Fetches JSON; a problem+json answer becomes an Error whose message lists each "path: message". */
export async function api(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const lines = (data && data.errors || []).map((e) => `${e.path}: ${e.message}`);
    const detail = data && (data.detail || data.title) || response.statusText;
    throw new Error([detail, ...lines].join('\n'));
  }
  return data;
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
