// The plan's sign-off in the header: its approval state (who, from which day) and the next steps: propose
// a finished draft, approve or reject a proposed plan, each offered only to a caller whose roles (GET /me)
// allow it. Until those are known every step is shown, and the service's 403 names the role it needs.
import { api, guarded } from './api.js';
import { $ } from './dom.js';
import { t } from './i18n.js';
import { render, state, subscribe } from './store.js';

const FINISHED = new Set(['COMPLETED', 'TERMINATED', 'FAILED']);
let roles = null; // the caller's roles (GET /me), asked once a plan is shown; a sign-out reloads the page

const may = (role) => roles == null || roles.includes(role);

async function learnRoles() {
  if (roles != null) return;
  try {
    roles = (await api('GET', '/me')).roles;
  } catch {
    return; // unknown: every step stays offered
  }
  renderApproval();
}

function detail(approval) {
  if (approval.state === 'APPROVED' || approval.state === 'SUPERSEDED') {
    return t('approval.approvedBy', approval.by || '–', approval.effectiveFrom || '–');
  }
  if (approval.state === 'PROPOSED') return t('approval.proposedBy', approval.by || '–');
  return approval.note ? t('approval.rejectedWith', approval.note) : '';
}

function renderApproval() {
  const doc = state.doc;
  const approval = state.planId && doc ? doc.approval : null;
  $('approval-box').hidden = !approval;
  if (!approval) return;
  $('approval-state').textContent = t(`approval.${approval.state}`);
  $('approval-state').dataset.state = approval.state;
  $('approval-detail').textContent = detail(approval);
  // The stored plan is what gets proposed: not while hand edits wait for a solve.
  $('propose').hidden = !(approval.state === 'DRAFT' && FINISHED.has(doc.status) && !state.edited && may('PLANNER'));
  $('approve-form').hidden = approval.state !== 'PROPOSED' || !may('APPROVER');
}

async function transition(step, body) {
  const id = state.planId;
  await api('POST', `/plans/${id}/${step}`, body);
  state.doc = await api('GET', `/plans/${id}`);
  render();
}

function note() {
  return $('approval-note').value.trim() || null;
}

export function init() {
  subscribe('render', renderApproval);
  subscribe('shown', learnRoles);
  subscribe('edited', renderApproval);
  $('propose').addEventListener('click', () => guarded(() => transition('propose')));
  $('approve').addEventListener('click', () => guarded(() => transition('approve',
    { effectiveFrom: $('effective-from').value || null, note: note() })));
  $('reject').addEventListener('click', () => guarded(() => transition('reject', { note: note() })));
}
