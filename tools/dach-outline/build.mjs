// One-off: writes the offline country outline the web page's map draws (no tile server needed).
// Source: Natural Earth via the npm package world-atlas@2.0.2 (public domain), converted with
// topojson-client. Run `npm install && npm run build` here; the output is committed.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { feature } from 'topojson-client';

// ISO 3166-1 numeric ids: Germany, Austria, Switzerland, Liechtenstein in detail; neighbours for context.
const DACH = new Set(['276', '040', '756', '438']);
const NEIGHBOURS = new Set(['250', '380', '528', '056', '442', '616', '203', '208', '705', '348', '703']);
// Parts of neighbours outside this box (overseas France, southern Italy, ...) are dropped.
const BOX = { west: 2, east: 20, south: 44, north: 57 };

const detailed = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json'));
const countries = feature(detailed, detailed.objects.countries).features;

const round = (n) => Math.round(n * 1000) / 1000;
const inBox = (ring) => ring.some(([x, y]) => x >= BOX.west && x <= BOX.east && y >= BOX.south && y <= BOX.north);

function polygons(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

const features = countries
  .filter((f) => DACH.has(f.id) || NEIGHBOURS.has(f.id))
  .map((f) => {
    const parts = polygons(f.geometry)
      .filter((polygon) => inBox(polygon[0]))
      .map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [round(x), round(y)])));
    return {
      type: 'Feature',
      properties: { id: f.id, name: f.properties.name, dach: DACH.has(f.id) },
      geometry: { type: 'MultiPolygon', coordinates: parts },
    };
  })
  .filter((f) => f.geometry.coordinates.length > 0);

const out = '../../src/main/resources/static/data/dach-outline.geojson';
mkdirSync('../../src/main/resources/static/data', { recursive: true });
writeFileSync(out, JSON.stringify({
  type: 'FeatureCollection',
  source: 'Natural Earth 1:50m via world-atlas@2.0.2 (public domain), built by tools/dach-outline',
  features,
}));
console.log(`${features.length} countries written to ${out}`);
