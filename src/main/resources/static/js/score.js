// Scores ("0hard/-2medium/-1126soft") and the figures shown beside them.
import { count, percentOf } from './format.js';
import { t } from './i18n.js';

export function parseScore(score) {
  const m = /(-?\d+)hard\/(-?\d+)medium\/(-?\d+)soft/.exec(score || '');
  return m ? { hard: Number(m[1]), medium: Number(m[2]), soft: Number(m[3]) } : null;
}

/** Bigger penalties first: hard before medium before soft, then by size. */
export function byImpact(a, b) {
  const x = parseScore(a.score) || { hard: 0, medium: 0, soft: 0 };
  const y = parseScore(b.score) || { hard: 0, medium: 0, soft: 0 };
  return (x.hard - y.hard) || (x.medium - y.medium) || (x.soft - y.soft);
}

/**
 * "0hard/10medium/-1126soft" as "+10 medium, −1,126 soft": only the levels that change, signed as the
 * score moves (plus is better). The page's one wording of a score change: score differences and
 * per-constraint penalties.
 */
export function formatDiff(score) {
  const s = parseScore(score);
  if (!s) return score || '–';
  const parts = [['hard', s.hard], ['medium', s.medium], ['soft', s.soft]]
    .filter(([, value]) => value !== 0)
    .map(([level, value]) => `${value > 0 ? '+' : '−'}${count(Math.abs(value))} ${t(`score.${level}`)}`);
  return parts.length ? parts.join(', ') : '0';
}

/**
 * The plan's quality certificate in a planner's words: how far its soft penalty is from the best any
 * plan with the same coverage can reach, and whether its coverage itself is proven best.
 */
export function boundText(bound, score) {
  if (!bound) return '';
  if (bound.status === 'COMPUTING') return t('bound.computing');
  if (bound.status === 'UNAVAILABLE') return t('bound.unavailable', bound.reason || t('bound.notAvailable'));
  const plan = parseScore(score);
  const medium = plan ? -plan.medium : null;
  const parts = [];
  if (bound.softGapPercent != null) {
    parts.push(t('bound.within', percentOf(bound.softGapPercent)));
  } else if (bound.reason) {
    parts.push(bound.reason);
  }
  if (medium != null && bound.mediumPenalty != null && medium > bound.mediumPenalty) {
    parts.push(t('bound.coverageOpen', count(bound.mediumPenalty), count(medium)));
  } else if (medium != null && bound.mediumPenalty != null && medium > 0) {
    parts.push(t('bound.coverageBest'));
  }
  return parts.join('; ');
}
