// The plan's sign-off in the header: its approval state (who, from which day) and the next steps: propose
// a finished draft, approve or reject a proposed plan. The page does not know the caller's role: a button
// a role may not use answers with the service's 403, which names the role.
import { api, guarded } from './api.js';
import { $ } from './dom.js';
import { t } from './i18n.js';
import { render, state, subscribe } from './store.js';

const FINISHED = new Set(['COMPLETED', 'TERMINATED', 'FAILED']);

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
  $('propose').hidden = !(approval.state === 'DRAFT' && FINISHED.has(doc.status) && !state.edited);
  $('approve-form').hidden = approval.state !== 'PROPOSED';
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
  subscribe('edited', renderApproval);
  $('propose').addEventListener('click', () => guarded(() => transition('propose')));
  $('approve').addEventListener('click', () => guarded(() => transition('approve',
    { effectiveFrom: $('effective-from').value || null, note: note() })));
  $('reject').addEventListener('click', () => guarded(() => transition('reject', { note: note() })));
}
