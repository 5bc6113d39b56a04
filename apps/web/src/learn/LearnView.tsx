import type { NetworkJSON } from '@backprop/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Sample } from '../model/sample.js';
import type { PlaygroundConfig } from '../state/config.js';
import { defaultLearn, type LearnLink, learnPages } from '../state/learn-link.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { DepthView } from './DepthView.js';
import { GraphView } from './GraphView.js';
import { LessonPage } from './LessonPage.js';
import { lessons } from './lessons/index.js';
import { presetNet, yours } from './pick-net.js';
import './learn.css';

/**
 * What a lesson gets from the playground (the Learn mode passes all of it; the component is loaded lazily).
 */
export interface LearnViewProps {
  /**
   * The training network as it is now, weights included (the JSON the CLI reads), or null while it is being
   * fetched. It follows the network: after a rebuild (a unit, layer, feature or dataset changed) it is
   * replaced by the new one.
   */
  readonly model: NetworkJSON | null;
  /** Steps trained since `model` was taken (0 while it is current); `refresh()` takes the current network. */
  readonly behind: number;
  /** Takes the current network again (pausing training when `pause`). */
  readonly refresh: (pause: boolean) => void;
  /** The user's settings: dataset, features, layers and activations, output and loss, learning rate η … */
  readonly config: PlaygroundConfig;
  /** The data the network trains on (2-D points and labels for the planar sets; counts only for MNIST). */
  readonly data: DataSummary | undefined;
  /** The latest training snapshot (weights, losses, the heatmap grid, each hidden unit's field). */
  readonly snapshot: Snapshot | undefined;
  /** The selected training sample as the network sees it (features applied, target in output layout); undefined when the data has no 2-D points. */
  readonly sample: Sample | undefined;
  /** Selects training sample i (shared with the step-through, and circled on the Play plot). */
  readonly setSample: (i: number) => void;
  /** Writes config changes (Learn keeps its place, `config.learn`, in the shareable link). */
  readonly update?: (patch: Partial<PlaygroundConfig>) => void;
}

const PAGE_TITLE: Readonly<Record<string, string>> = { graph: 'Computational graph', depth: 'Vanishing gradients' };

/** The Learn mode: the notes' derivation of backpropagation, followed on the user's own network. */
export function LearnView({ model, behind, refresh, config, data, sample, setSample, update }: LearnViewProps) {
  // Learn's place lives in the config (so in the link) when the shell lets us write it; else locally.
  const [local, setLocal] = useState<LearnLink>(config.learn ?? defaultLearn);
  const link = update ? (config.learn ?? defaultLearn) : local;
  const setLink = useCallback(
    (patch: Partial<LearnLink>) => (update ? update({ learn: { ...(config.learn ?? defaultLearn), ...patch } }) : setLocal((l) => ({ ...l, ...patch }))),
    [update, config.learn],
  );

  // A link's sample is selected once, when the page opens on it; later choices are written back.
  const linkSample = useRef(link.sample);
  useEffect(() => {
    if (linkSample.current !== undefined && data?.trainCount && linkSample.current < data.trainCount) {
      setSample(linkSample.current);
      linkSample.current = undefined;
    }
  }, [data, setSample]);
  useEffect(() => {
    if (linkSample.current === undefined && sample && sample.index !== link.sample) setLink({ sample: sample.index });
  }, [sample, link.sample, setLink]);

  // The link's weights apply to the first network the page gets; a network taken later replaces them.
  const first = useRef<NetworkJSON | null>(null);
  if (first.current === null && model) first.current = model;
  const mine = useMemo(() => yours(model, sample, model === first.current ? link.weights : ''), [model, sample, link.weights]);
  useEffect(() => {
    if (link.net === 'yours' && mine.ok && mine.weights !== link.weights) setLink({ weights: mine.weights });
  }, [mine, link.net, link.weights, setLink]);

  const useYours = link.net === 'yours' && mine.ok;
  const base = useMemo(() => (useYours && mine.ok ? mine.n : presetNet('cs7015')), [useYours, mine]);
  const page = link.lesson;
  const lessonIndex = Number(page) - 1;
  const lesson = lessons[lessonIndex];
  const own = useMemo(() => (lesson && lesson.net !== 'yours' ? presetNet(lesson.net) : lesson?.needsHidden && base.L < 2 ? presetNet('cs7015') : null), [lesson, base]);
  const n = own ?? base;
  let netNote = useYours ? `On your network (${base.widths.join(' → ')}) and training sample #${sample?.index ?? '?'}.` : link.net === 'preset' ? "On CS7015's preset (2 → 3 → 3 → 3, logistic, softmax)." : mine.ok ? '' : mine.why;
  if (lesson && lesson.net !== 'yours') {
    netNote = `On the network of the ${lesson.net === 'csc311' ? 'CSC311 slides' : 'AMA564 summary'} (${n.widths.join(' → ')}), whatever yours is.`;
  } else if (own) {
    netNote = "Your network has no hidden layer, so this lesson uses CS7015's preset.";
  }
  const go = (p: string) => setLink({ lesson: p, step: 1, exercise: 0 });

  return (
    <section className="panel learn" aria-labelledby="learn-title" data-testid="learn-view" data-page={page}>
      <div className="learn-top">
        <h2 id="learn-title">Learn backpropagation, on your own network</h2>
        <fieldset className="row learn-net">
          <legend className="small">Lessons run on</legend>
          <label>
            <input type="radio" name="learn-net" checked={link.net === 'yours'} data-testid="learn-net-yours" onChange={() => setLink({ net: 'yours' })} /> your network
          </label>
          <label>
            <input type="radio" name="learn-net" checked={link.net === 'preset'} data-testid="learn-net-preset" onChange={() => setLink({ net: 'preset' })} /> CS7015's preset
          </label>
          {/* Shown (disabled) while the network is still on its way, so the page does not shift when it arrives. */}
          {link.net === 'yours' ? (
            <>
              <button type="button" disabled={!mine.ok} onClick={() => setSample(((sample?.index ?? 0) * 7919 + 1) % Math.max(1, data?.trainCount ?? 1))} data-testid="learn-another-sample">
                Another sample
              </button>
              <button type="button" disabled={!mine.ok} onClick={() => refresh(true)} data-testid="learn-refresh" title="Pause training and take the network as it is now">
                Take my current network{behind > 0 ? ` (${behind} steps newer)` : ''}
              </button>
            </>
          ) : null}
        </fieldset>
      </div>
      <div className="learn-layout">
        <nav className="learn-nav" aria-label="Lessons">
          <ol>
            {learnPages.map((p) => {
              const l = lessons[Number(p) - 1];
              return (
                <li key={p}>
                  <button type="button" className={p === page ? 'current' : undefined} aria-current={p === page ? 'page' : undefined} data-testid={`learn-page-${p}`} onClick={() => go(p)}>
                    {l ? `${p}. ${l.title}` : PAGE_TITLE[p]}
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="learn-main">
          {lesson ? (
            <LessonPage
              lesson={lesson}
              number={lessonIndex + 1}
              n={n}
              eta={config.learningRate}
              step={link.step}
              setStep={(step) => setLink({ step })}
              variant={link.exercise}
              setVariant={(exercise) => setLink({ exercise })}
              netNote={netNote}
              netKind={useYours && !own ? 'yours' : 'preset'}
              footer={
                lesson.id === 'gradcheck' ? (
                  <p className="to-check">
                    <a href="#check" data-testid="learn-to-check">
                      Now check every gradient of your network in the Check mode →
                    </a>
                  </p>
                ) : lessonIndex + 1 < lessons.length ? (
                  <p className="to-next">
                    <button type="button" onClick={() => go(String(lessonIndex + 2))}>
                      Next lesson: {lessons[lessonIndex + 1]!.title} →
                    </button>
                  </p>
                ) : null
              }
            />
          ) : page === 'graph' ? (
            <GraphView n={base} step={link.step} setStep={(step) => setLink({ step })} netNote={netNote} netKind={useYours ? 'yours' : 'preset'} />
          ) : (
            <DepthView depth={link.depth} scale={link.scale} setDepth={(depth) => setLink({ depth })} setScale={(scale) => setLink({ scale })} />
          )}
        </div>
      </div>
    </section>
  );
}
