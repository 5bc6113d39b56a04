import { useEffect, useRef } from 'react';
import type { TrainerClient } from '../worker/client.js';
import type { Mistake, Snapshot } from '../worker/protocol.js';
import { DigitPad } from './DigitPad.js';

function Digit({ m }: { m: Mistake }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = new ImageData(28, 28);
    for (let i = 0; i < 784; i++) img.data.set([255 * m.pixels[i]!, 255 * m.pixels[i]!, 255 * m.pixels[i]!, 255], 4 * i);
    ctx.putImageData(img, 0, 0);
  }, [m]);
  return (
    <figure className="mistake">
      <canvas ref={ref} width={28} height={28} role="img" aria-label={`a ${m.actual} read as ${m.predicted}`} />
      <figcaption className="small">
        {m.actual} → {m.predicted}
      </figcaption>
    </figure>
  );
}

/** MNIST: test accuracy, a few misclassified test digits, and the drawing pad. */
export function MnistPanel({ snapshot, client, compact = false, mistakesOnly = false }: { snapshot: Snapshot | undefined; client: TrainerClient; compact?: boolean; mistakesOnly?: boolean }) {
  if (mistakesOnly) return <Mistakes snapshot={snapshot} />;
  const Heading = compact ? 'h3' : 'h2';
  return (
    <section className={compact ? 'mnist compact' : 'panel mnist'} aria-label="MNIST digits" data-testid="mnist-panel">
      <Heading>Handwritten digits</Heading>
      <p>
        Test accuracy: <strong data-testid="mnist-accuracy">{snapshot?.testAccuracy !== undefined ? `${(snapshot.testAccuracy * 100).toFixed(1)} %` : '–'}</strong>
      </p>
      <h3>Draw a digit</h3>
      <DigitPad client={client} />
      <Mistakes snapshot={snapshot} />
    </section>
  );
}

/** A few misclassified test digits, with what they are and what the network reads. */
function Mistakes({ snapshot }: { snapshot: Snapshot | undefined }) {
  if (!snapshot?.mistakes?.length) return null;
  return (
    <>
      <h3>Some test digits it gets wrong</h3>
      <div className="mistakes">
        {snapshot.mistakes.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: snapshot order
          <Digit key={i} m={m} />
        ))}
      </div>
    </>
  );
}
