// Scores ("0hard/-2medium/-1126soft") and the figures shown beside them.

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
    .map(([level, value]) => `${value > 0 ? '+' : '−'}${Math.abs(value).toLocaleString('en')} ${level}`);
  return parts.length ? parts.join(', ') : '0';
}

/** Minutes as hours with one decimal; the page's one hours format. */
export function hours(minutes) {
  return minutes == null ? '–' : (minutes / 60).toFixed(1);
}
