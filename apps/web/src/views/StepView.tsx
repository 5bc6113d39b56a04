import { NetworkView } from '../components/NetworkView.js';
import { StepThrough } from '../components/StepThrough.js';
import type { ViewProps } from './view-props.js';

/** Step through: the notes' algorithm, line by line, on the user's network and one training sample. */
export default function StepView({ pg, sample, setSample, onLit, stepCopy }: ViewProps) {
  const planar = pg.data?.planar ?? pg.config.dataset !== 'mnist';
  if (!planar) {
    return (
      <section className="panel">
        <h2>Step through</h2>
        <p>The step-through walks one training sample of the 2-D data sets (784 pixel inputs make matrices too large to read). Pick a 2-D data set under Play.</p>
        <NetworkView snapshot={pg.snapshot} features={pg.config.features} planar={false} lit={null} />
      </section>
    );
  }
  return <StepThrough copy={stepCopy} data={pg.data} snapshot={pg.snapshot} config={pg.config} sample={sample} setSample={setSample} onLit={onLit} />;
}
