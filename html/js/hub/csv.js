// K3 / D4 CSV import (lib/csv_table's rules): the file's bytes go as
// text/csv; the reply counts the rows and names each rejected one by its
// line.  done() runs after an import (the list and counts again).
import { api } from '/js/api.js';
import { el, clear } from '/js/dom.js';

export function csvImport({ id, testid, url, hint, done }) {
  const file = el('input', { id, type: 'file', accept: '.csv,text/csv', 'data-testid': `${testid}-file` });
  const out = el('div', { role: 'status', 'data-testid': `${testid}-result` });
  const go = el('button', { type: 'button', class: 'button', 'data-testid': `${testid}-submit` }, 'Import');
  go.addEventListener('click', async () => {
    const f = file.files?.[0];
    clear(out);
    if (!f) { out.append(el('p', { class: 'error' }, 'Choose a CSV file first.')); return; }
    go.disabled = true;
    try {
      const r = (await api('POST', url, await f.text(), { contentType: 'text/csv' })).data;
      out.append(el('p', {}, `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected.`));
      if (r.rejected.length) {
        out.append(el('ul', { class: 'rejected' }, r.rejected.map((x) => el('li', { 'data-testid': 'import-rejected', 'data-line': x.line },
          `Line ${x.line}: ${x.error.message}${x.error.field ? ` (${x.error.field})` : ''}`))));
      }
      await done();
    } catch (e) {
      out.append(el('p', { class: 'error' }, e.message));
    } finally { go.disabled = false; }
  });
  return el('details', { class: 'add-location' }, el('summary', {}, 'Import from CSV'),
    el('p', { class: 'hint muted' }, hint),
    el('div', { class: 'field' }, el('label', { for: id }, 'CSV file'), file),
    el('div', { class: 'actions start' }, go), out);
}
