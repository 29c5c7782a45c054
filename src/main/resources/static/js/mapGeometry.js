// The map's plane geometry, apart from Leaflet and the page's state: where an account's dot sits round
// its region, and a KAM's territory as a convex hull. Coordinates are degrees.

/** The margin round each region of a territory, in degrees of latitude. */
export const TERRITORY_DEG = 0.3;

/** Where an account's dot goes: on a small spiral round its region's centre, so each stays visible. */
export function spiral(region, n, scale) {
  const angle = n * 2.4;
  const dist = 0.05 * Math.sqrt(n) * scale;
  return [region.latitude + dist * Math.sin(angle) * 0.65, region.longitude + dist * Math.cos(angle)];
}

export function spiralScale(byRegion) {
  // The most crowded region's spiral stays within about TERRITORY_DEG of its centre.
  const most = Math.max(1, ...Object.values(byRegion).map((list) => list.length));
  return Math.min(1, TERRITORY_DEG / (0.05 * Math.sqrt(most)));
}

/** Andrew's monotone chain: the convex hull of [lng, lat] points, counter-clockwise. */
function hull(points) {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list) => {
    const out = [];
    for (const q of list) {
      while (out.length >= 2 && cross(out.at(-2), out.at(-1), q) <= 0) out.pop();
      out.push(q);
    }
    out.pop();
    return out;
  };
  return [...half(p), ...half([...p].reverse())];
}

/** A KAM's territory: the hull of its home and its accounts' regions, each widened to a small octagon. */
export function territory(kam, accounts, regions) {
  const ids = new Set([kam.homeRegionId, ...accounts.map((a) => a.regionId)]);
  const points = [];
  for (const id of ids) {
    const r = regions[id];
    if (!r) continue;
    const lngScale = 1 / Math.max(0.2, Math.cos((r.latitude * Math.PI) / 180));
    for (let i = 0; i < 8; i++) {
      const t = (i * Math.PI) / 4;
      points.push([r.longitude + TERRITORY_DEG * lngScale * Math.cos(t), r.latitude + TERRITORY_DEG * Math.sin(t)]);
    }
  }
  return hull(points).map(([lng, lat]) => [lat, lng]);
}
