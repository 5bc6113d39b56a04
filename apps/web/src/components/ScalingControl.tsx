import type { Scaler } from '@backprop/core';
import { Check } from './inputs.js';

/** A number as the note shows it: 4 significant digits; thousands grouped from 10,000 (a year stays 1958); an exponent outside everyday sizes. */
function short(v: number): string {
  if (Math.abs(v) >= 1e9 || (v !== 0 && Math.abs(v) < 1e-3)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toLocaleString('en', { useGrouping: Math.abs(v) >= 1e4, maximumFractionDigits: 6 });
}

/**
 * The CSV's "Standardize columns" switch and what it does: on, each column goes in as (x − mean) / std, with
 * the mean and std of the training rows (listed per column), through the network's own scaler, so an
 * exported model takes raw rows; off, the raw values go in. `scaler` is the network's, as the worker reports it.
 */
export function ScalingControl(props: { checked: boolean; onChange: (v: boolean) => void; scaler: Scaler | undefined; targetScaler?: Scaler | undefined; columns: readonly string[]; trainCount: number | undefined }) {
  const { scaler, targetScaler, columns } = props;
  return (
    <div className="scaling" data-testid="scaling" data-on={scaler ? 'true' : 'false'}>
      <Check label="Standardize columns" checked={props.checked} testId="standardize" onChange={props.onChange} />
      {scaler ? (
        <details className="small">
          <summary data-testid="scaling-note">
            On: each column becomes (x − mean) / std{props.trainCount ? `, mean and std of the ${props.trainCount} training rows` : ''}. The exported model holds them and takes raw rows.
            {targetScaler ? ' The target too: the network learns it standardized; losses, the plot and the exported model are in its own units.' : ''}
          </summary>
          <table className="scaler-table" data-testid="scaler-table">
            <thead>
              <tr>
                <th scope="col">column</th>
                <th scope="col">mean</th>
                <th scope="col">std</th>
              </tr>
            </thead>
            <tbody>
              {scaler.offset.map((m, j) => (
                <tr key={columns[j] ?? j}>
                  <th scope="row">{columns[j] ?? `x${j + 1}`}</th>
                  <td>{short(m)}</td>
                  <td>{short(scaler.scale[j]!)}</td>
                </tr>
              ))}
              {targetScaler ? (
                <tr data-testid="scaler-target">
                  <th scope="row">target</th>
                  <td>{short(targetScaler.offset[0]!)}</td>
                  <td>{short(targetScaler.scale[0]!)}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </details>
      ) : (
        <p className="small" data-testid="scaling-note">
          Off: the columns go in as they are. Values far outside −3 … 3 push tanh and logistic units to their flat ends, where they stop learning.
        </p>
      )}
    </div>
  );
}
