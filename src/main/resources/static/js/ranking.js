// One KAM of a ranking, as the "assign to…" panel (recommend.js) and an account's alternatives
// (explanation.js) both show it: name, score difference, an action, and the service's sentence; marked
// when it is the account's incumbent (its currentKamId) or would break a hard rule (listed last).
import { el } from './dom.js';
import { t } from './i18n.js';
import { formatDiff } from './score.js';

export function rankedKam(r, className, action) {
  return el('li', { class: className, 'data-kam': r.kamId },
    el('div', { class: 'head' },
      el('strong', { text: `${r.kamName} (${r.kamId})` }),
      el('span', { class: 'diff', title: t('recommend.diff', r.scoreDiff), text: formatDiff(r.scoreDiff) }),
      r.incumbent ? el('span', { class: 'tag incumbent', text: t('recommend.incumbent') }) : null,
      r.breaksHardRule ? el('span', { class: 'tag breaks', text: t('recommend.breaksHardRule') }) : null,
      action),
    el('div', { class: 'sentence', text: r.explanation }));
}
