import { type DragEvent, useId, useState } from 'react';

/** Paste or drop a CSV (last column = label); it becomes the data set. */
export function CsvInput({ onUse }: { onUse: (text: string) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) setText(await file.text());
  };
  return (
    <fieldset className="panel" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
      <legend>Bring your own data</legend>
      <label htmlFor={id}>Paste a CSV here or drop a file on this box (label in the last column)</label>
      <textarea id={id} rows={4} value={text} data-testid="csv-text" placeholder={'x1,x2,label\n0.5,1.2,a\n…'} onChange={(e) => setText(e.target.value)} />
      <button type="button" data-testid="csv-use" disabled={!text.trim()} onClick={() => onUse(text)}>
        Use this CSV
      </button>
    </fieldset>
  );
}
