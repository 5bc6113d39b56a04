import { type DragEvent, useId, useState } from 'react';
import { type CsvLink, MAX_LINK_CSV } from '../state/csv-link.js';
import { PASTED_CSV } from '../state/playground-store.js';
import { FileField } from './FileField.js';
import { type CsvFileText, readCsvFile } from '../model/csv-file.js';

/**
 * Paste, choose or drop a CSV (last column = label); it becomes the data set if it parses (the header says why
 * not). Choosing a file is the way in from a keyboard, and for large files: pasting 100,000s of characters
 * into a text box takes a browser tens of seconds.
 */
export function CsvInput({ onUse, link }: { onUse: (text: string | CsvFileText, source: string) => void; link: CsvLink | undefined }) {
  const id = useId();
  const [text, setText] = useState('');
  const read = async (file: File) => {
    const content = await readCsvFile(file);
    if (content.ok) setText(content.text);
    onUse(content, file.name);
  };
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the page-wide drop would read it again
    const file = e.dataTransfer.files[0];
    if (file) await read(file);
  };
  return (
    <fieldset className="panel" onDragOver={(e) => e.preventDefault()} onDrop={drop} data-testid="csv-box">
      <legend>Bring your own data</legend>
      <label htmlFor={id}>Paste a CSV here or drop a .csv file on this box or anywhere on the page (label in the last column)</label>
      <textarea id={id} rows={4} value={text} data-testid="csv-text" placeholder={'x1,x2,label\n0.5,1.2,a\n…'} onChange={(e) => setText(e.target.value)} />
      <button type="button" data-testid="csv-use" disabled={!text.trim()} onClick={() => onUse(text, PASTED_CSV)}>
        Use this CSV
      </button>
      <FileField label="Or choose a CSV file" accept=".csv,.tsv,.txt,text/csv" testId="csv-file" onFile={(file) => void read(file)} />
      <p className="small" data-testid="csv-share" data-shared={link ? String(link.shared) : undefined}>
        {link === undefined
          ? `A CSV up to ${MAX_LINK_CSV.toLocaleString('en')} characters once compressed is saved in the page's link; a larger one is not shared.`
          : link.shared
            ? `The CSV in use is saved in the page's link (${link.param.length.toLocaleString('en')} characters): sharing the link shares the data.`
            : `The CSV in use is not in the page's link (${link.length.toLocaleString('en')} characters compressed, over ${MAX_LINK_CSV.toLocaleString('en')}): a shared link opens without this data.`}
      </p>
    </fieldset>
  );
}
