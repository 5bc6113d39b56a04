import { GradcheckPanel } from '../components/GradcheckPanel.js';
import { HealthPanel } from '../components/HealthPanel.js';
import type { ViewProps } from './view-props.js';

/** Check: the gradient check of the current network, and training health (gradient norms, dead and saturated units). */
export function CheckView({ pg, shown, gradcheck }: ViewProps) {
  return (
    <div className="two-col">
      {shown('gradcheck') ? <GradcheckPanel check={gradcheck} /> : null}
      {shown('health') ? <HealthPanel health={pg.snapshot?.health} /> : null}
    </div>
  );
}
