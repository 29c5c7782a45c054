// Loading a plan to work on: a bundled dataset, a JSON document, CSV files or an Excel workbook. Each
// becomes the plan shown, not yet submitted (store.showDocument), and is explained at once.
import { api, guarded, showMessage } from './api.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { showDocument } from './store.js';

async function loadDatasets() {
  const names = await api('GET', '/demo-data');
  for (const select of [$('dataset'), $('csv-base')]) {
    select.replaceChildren(...names.map((name) => el('option', { value: name, text: name })));
    if (names.includes('dach-small')) select.value = 'dach-small';
  }
}

async function importCsv() {
  const form = new FormData();
  const workbook = $('xlsx-file').files[0];
  if (workbook) return importWorkbook(workbook);
  for (const [input, name] of [['csv-kams', 'kams.csv'], ['csv-accounts', 'accounts.csv'],
    ['csv-regions', 'regions.csv'], ['csv-sectors', 'sectors.csv']]) {
    const file = $(input).files[0];
    if (file) form.append(name, file, name);
  }
  // The base dataset only fills in regions or sectors when their file is not given.
  const params = new URLSearchParams({ solve: 'false', name: t('import.csvName'), base: $('csv-base').value });
  const doc = await api('POST', `/plans/import?${params}`, form);
  await showDocument(doc);
  $('csv-import').open = false;
  showMessage(t('import.csvDone', doc.kams.length, doc.accounts.length), true);
}

async function importWorkbook(file) {
  const form = new FormData();
  form.append('workbook', file, file.name);
  const params = new URLSearchParams({ solve: 'false', name: t('import.workbookName'), base: $('csv-base').value });
  const doc = await api('POST', `/plans/import/xlsx?${params}`, form);
  await showDocument(doc);
  $('csv-import').open = false;
  showMessage(t('import.workbookDone', doc.kams.length, doc.accounts.length, file.name), true);
}

export function init() {
  $('dataset-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => showDocument(await api('GET', `/demo-data/${encodeURIComponent($('dataset').value)}`)));
  });
  $('json-file').addEventListener('change', () => guarded(async () => {
    const file = $('json-file').files[0];
    if (!file) return;
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (error) {
      throw new Error(t('error.notJson', file.name, error.message));
    }
    await showDocument(doc);
  }));
  $('csv-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(importCsv); });
  guarded(loadDatasets);
}
