// One-off: writes what the web page bundles so it needs nothing from elsewhere; the output is committed.
// Run `npm install && npm run build` here.
//  - static/data/world-outline.geojson: every country's outline, so a plan's regions anywhere lie on a map
//    without a tile server. Source: Natural Earth 1:50m via world-atlas (public domain), simplified with
//    topojson-simplify (topology kept, so neighbours still share their borders) and rounded to 0.01°.
//  - static/js/vendor/leaflet.markercluster/: the clustering plugin of the map (MIT), copied from its npm dist.
//  - src/test/resources/axe/axe.min.js: axe-core (MPL-2.0) for the browser test's accessibility check;
//    a test resource, never served by the app.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';

const ROOT = '../..';
const STATIC = `${ROOT}/src/main/resources/static`;

// Keeps the tenth of the points that carry most of the shape (by triangle area): coastlines stay
// recognisable at the zoom of a country, and the file stays small enough to load with the page.
const topology = presimplify(JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json')));
const simple = simplify(topology, quantile(topology, 0.1));
const round = (n) => Math.round(n * 100) / 100;

function polygons(geometry) {
  if (!geometry) return [];
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

const features = feature(simple, simple.objects.countries).features
  .map((f) => ({
    type: 'Feature',
    properties: { id: f.id, name: f.properties.name },
    geometry: {
      type: 'MultiPolygon',
      coordinates: polygons(f.geometry)
        .map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [round(x), round(y)])))
        .filter((polygon) => polygon[0].length >= 4),
    },
  }))
  .filter((f) => f.geometry.coordinates.length > 0);

mkdirSync(`${STATIC}/data`, { recursive: true });
writeFileSync(`${STATIC}/data/world-outline.geojson`, JSON.stringify({
  type: 'FeatureCollection',
  source: 'Natural Earth 1:50m via world-atlas@2.0.2 (public domain), simplified by tools/map-outline',
  features,
}));
console.log(`${features.length} countries written to ${STATIC}/data/world-outline.geojson`);

// Under /js/, which the service serves without a token like the page's own scripts.
const vendor = `${STATIC}/js/vendor/leaflet.markercluster`;
mkdirSync(vendor, { recursive: true });
for (const file of ['leaflet.markercluster.js', 'MarkerCluster.css', 'MarkerCluster.Default.css']) {
  copyFileSync(`node_modules/leaflet.markercluster/dist/${file}`, `${vendor}/${file}`);
}
copyFileSync('node_modules/leaflet.markercluster/MIT-LICENCE.txt', `${vendor}/MIT-LICENCE.txt`);
console.log(`leaflet.markercluster copied to ${vendor}`);

mkdirSync(`${ROOT}/src/test/resources/axe`, { recursive: true });
copyFileSync('node_modules/axe-core/axe.min.js', `${ROOT}/src/test/resources/axe/axe.min.js`);
copyFileSync('node_modules/axe-core/LICENSE', `${ROOT}/src/test/resources/axe/LICENSE`);
console.log('axe-core copied to src/test/resources/axe');
