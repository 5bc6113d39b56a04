import { LearnView } from '../learn/LearnView.js';
import { sampleOf } from '../model/sample.js';
import { useModelCopy } from '../state/use-model.js';
import type { ViewProps } from './view-props.js';

/** Learn: hands the lesson a followed copy of the network, the data and the selected sample (loaded lazily). */
export default function LearnMode({ pg, sample, setSample }: ViewProps) {
  const copy = useModelCopy(pg.client, pg.data, pg.snapshot, pg.config.features, true);
  const taken = copy.taken;
  const current = taken ? sampleOf(taken.data, taken.features, sample, taken.json.output.units) : undefined;
  return (
    <LearnView
      model={taken?.json ?? null}
      behind={copy.behind}
      refresh={(pause) => void copy.take(pause)}
      config={pg.config}
      data={pg.data}
      snapshot={pg.snapshot}
      sample={current && taken && current.x.length === taken.json.inputs ? current : undefined}
      setSample={setSample}
      update={pg.update}
    />
  );
}
