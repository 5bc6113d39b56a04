import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { DigitPad } from '../components/DigitPad.js';
import { Field } from '../components/Field.js';
import { MnistPanel } from '../components/MnistPanel.js';
import { type Activations, incomingWeights, LocalNet } from '../model/local-net.js';
import type { TrainerClient } from '../worker/client.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import type { ViewProps } from './view-props.js';

const SIDE = 28;

/** A page-side copy of the network (taken again when the worker posts new data), with each snapshot's weights. */
function useLocalNet(client: TrainerClient, data: DataSummary | undefined, snapshot: Snapshot | undefined): LocalNet | null {
  const [net, setNet] = useState<LocalNet | null>(null);
  const held = useRef<LocalNet | null>(null);
  useEffect(() => {
    if (data?.inputs !== SIDE * SIDE) return;
    let live = true;
    void client.getModel().then((json) => {
      if (!live || json.inputs !== SIDE * SIDE) return;
      held.current?.dispose();
      held.current = new LocalNet(json);
      setNet(held.current);
    });
    return () => {
      live = false;
    };
  }, [client, data]);
  useEffect(() => () => held.current?.dispose(), []);
  if (net && snapshot && snapshot.widths.join() === net.widths.join()) net.setWeights(snapshot.flat);
  return net;
}

/** One hidden unit: its 784 incoming weights as a 28 × 28 image (blue +, orange −), and its activation for the drawn digit. */
function UnitImage({ j, weights, h, hMax }: { j: number; weights: Float32Array; h: number | undefined; hMax: number }) {
  let max = 1e-9;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const share = h === undefined ? 0 : Math.max(0, Math.min(1, Math.abs(h) / hMax));
  return (
    <figure className="unit" data-testid="unit-image" data-unit={j} style={{ '--act': share } as CSSProperties}>
      <Field values={weights} size={SIDE} px={52} scale={1 / max} label={`hidden unit ${j + 1}: its incoming weights as an image`} />
      <figcaption>
        <span className="unit-name">{j + 1}</span>
        <span className="act-bar" data-testid="unit-activation" data-value={h} aria-hidden="true" />
        {h === undefined ? null : <span className="sr-only">activation {h.toFixed(3)}</span>}
      </figcaption>
    </figure>
  );
}

/**
 * While the digits load: one empty frame per unit of hidden layer 1, so the view shows what is coming and
 * where. It does not say "loading": the header's live region says that, once (a second copy would be read
 * and seen twice).
 */
function WaitingUnits({ units }: { units: number }) {
  return (
    <>
      <p className="muted small" data-testid="unit-grid-empty">
        Layer 1 has {units} unit{units === 1 ? '' : 's'}: each gets its square here with the network's first weights.
      </p>
      {Array.from({ length: units }, (_, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: units are positional
        <figure key={`w${j}`} className="unit unit-waiting" data-testid="unit-waiting" aria-hidden="true">
          <span className="unit-frame" />
          <figcaption>
            <span className="unit-name">{j + 1}</span>
          </figcaption>
        </figure>
      ))}
    </>
  );
}

/** A layer's activations as bars (the deeper hidden layers and the output). */
function Bars({ title, values, labels }: { title: string; values: Float32Array; labels?: (i: number) => string }) {
  const max = Math.max(1e-9, ...Array.from(values, Math.abs));
  const best = values.indexOf(Math.max(...values));
  return (
    <div className="bars">
      <h3>{title}</h3>
      <ol>
        {Array.from(values, (v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: units are positional
          <li key={i} className={i === best ? 'best' : undefined}>
            <span>{labels ? labels(i) : i + 1}</span>
            <span className="bar" style={{ width: `${(Math.abs(v) / max) * 100}%` }} />
            <span className="small">{v.toFixed(3)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Digits: MNIST — what each hidden unit looks for, updating while it trains, and a drawn digit's activations flowing through. */
export function DigitsView({ pg }: ViewProps) {
  const { config, client, data, snapshot } = pg;
  const [pixels, setPixels] = useState<Float32Array | null>(null);
  const net = useLocalNet(client, data, snapshot);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new snapshot means new weights inside `net`
  const acts: Activations | null = useMemo(() => (net && pixels ? net.activations(pixels) : null), [net, pixels, snapshot]);
  if (config.dataset !== 'mnist') {
    return (
      <section className="panel">
        <h2>Handwritten digits</h2>
        <p>This view trains on MNIST: 28 × 28-pixel digits, 784 inputs, ten classes. You see what each hidden unit looks for while it learns, and how a digit you draw flows through the network.</p>
        <button type="button" className="primary" data-testid="use-mnist" onClick={() => pg.switchDataset('mnist')}>
          Switch to MNIST digits
        </button>
      </section>
    );
  }
  const widths = snapshot?.widths ?? [];
  const n1 = widths.length > 2 ? widths[1]! : 0;
  const h1 = acts?.h[1];
  const hMax = h1 ? Math.max(1e-9, ...Array.from(h1, Math.abs)) : 1;
  return (
    <div className="digits">
      <section className="panel" aria-labelledby="draw-title">
        <h2 id="draw-title">Draw a digit</h2>
        <DigitPad client={client} onPixels={setPixels} />
        <p className="small muted">
          Test accuracy: <strong data-testid="digits-accuracy">{snapshot?.testAccuracy !== undefined ? `${(snapshot.testAccuracy * 100).toFixed(1)} %` : '–'}</strong>. What the network sees (28 × 28):
        </p>
        {pixels ? <Field values={Float32Array.from(pixels, (p) => 2 * p - 1)} size={SIDE} px={84} label="your digit as the network's 784 inputs" className="input-digit" /> : null}
      </section>
      <section className="panel units-panel" aria-labelledby="units-title">
        <h2 id="units-title">What each hidden unit looks for</h2>
        <p className="small muted">
          Each square is one unit of hidden layer 1: its 784 incoming weights W₁[j][·] laid out as the 28 × 28 image they multiply (blue: ink here raises the unit, orange: lowers it). They sharpen as it trains.
          {h1 ? ' The bar under each is its activation h₁ for your digit.' : ' Draw a digit to see which units it switches on.'}
        </p>
        <div className="unit-grid" data-testid="unit-grid">
          {snapshot && n1 > 0
            ? // biome-ignore lint/suspicious/noArrayIndexKey: units are positional
              Array.from({ length: n1 }, (_, j) => <UnitImage key={`u${j}`} j={j} weights={incomingWeights(snapshot.flat, widths[0]!, j)} h={h1?.[j]} hMax={hMax} />)
            : pg.loading && config.layers.length > 0
              ? <WaitingUnits units={config.layers[0]!.units} />
              : <p className="muted" data-testid="unit-grid-empty">A network with a hidden layer shows its units here.</p>}
        </div>
      </section>
      <section className="panel" aria-labelledby="flow-title">
        <h2 id="flow-title">Through the network</h2>
        {acts ? (
          <div data-testid="digit-flow">
            {acts.h.slice(2).map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: layers are positional
              <Bars key={`layer${i + 2}`} title={`Hidden layer ${i + 2}`} values={h} />
            ))}
            <Bars title="Output ŷ: class probabilities" values={acts.yHat} labels={(i) => String(i)} />
          </div>
        ) : (
          <p className="muted">Draw a digit: its activations appear here, layer by layer.</p>
        )}
        <MnistPanel snapshot={snapshot} client={client} mistakesOnly />
      </section>
    </div>
  );
}
