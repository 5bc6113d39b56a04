import { type ReactNode, useId } from 'react';

/**
 * A labelled file chooser that hands over the chosen file and then forgets the choice, so that choosing
 * the same file again (after editing it on disk) reads it again.
 */
export function FileField({ label, accept, testId, onFile }: { label: ReactNode; accept: string; testId: string; onFile: (file: File) => void }) {
  const id = useId();
  return (
    <div className="field file-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
