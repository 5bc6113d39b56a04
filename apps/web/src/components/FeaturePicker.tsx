import { featureNames } from '../state/config.js';
import { featureLabels } from '../state/features.js';
import type { ControlProps } from './DatasetControls.js';

/** The input features computed from (x₁, x₂), as toggle chips (checkboxes underneath): the network's inputs. */
export function FeaturePicker({ config, update, shown, planar }: ControlProps & { planar: boolean }) {
  if (!shown('features') || !planar) return null;
  return (
    <fieldset className="features">
      <legend>Inputs</legend>
      {featureNames.map((f) => (
        <label key={f} className="chip">
          <input
            type="checkbox"
            checked={config.features.includes(f)}
            data-testid={`feature-${f}`}
            onChange={(e) => update({ features: featureNames.filter((g) => (g === f ? e.target.checked : config.features.includes(g))) })}
          />
          <span>{featureLabels[f]}</span>
        </label>
      ))}
    </fieldset>
  );
}
