import type { NetworkJSON } from '@backprop/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrainerClient } from '../worker/client.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { unfoldTargetScaler } from '../model/scaling.js';
import type { FeatureName } from './config.js';

// A copy of the worker's network for the panels that compute on it (step-through, Learn): taken on
// request, then FOLLOWING the network: when the worker posts new data (the network was rebuilt, or points
// changed) the copy is taken again, and the panel says what changed. A copy is never paired with data or
// features it was not built for.

/** The copy and what it was taken with. */
export interface TakenModel {
  readonly json: NetworkJSON;
  /** The input features the network was built for (x is computed with these). */
  readonly features: readonly FeatureName[];
  /** The data the network trains on when it was taken. */
  readonly data: DataSummary;
  /** Training steps the network had taken then. */
  readonly iterations: number;
}

/** What the hook gives a panel. */
export interface ModelCopy {
  readonly taken: TakenModel | null;
  /** Why the copy was replaced by the current network (shape before → after), or null. */
  readonly notice: string | null;
  /** Steps trained since the copy was taken (0 while it is current). */
  readonly behind: number;
  /** Takes the current network now (pausing training first when `pause`). */
  readonly take: (pause: boolean) => Promise<void>;
}

const shape = (j: NetworkJSON): string => [j.inputs, ...j.layers.map((l) => l.units), j.output.units].join('–');

/** A followed copy of the training network; `auto` takes the first one without being asked. */
export function useModelCopy(client: TrainerClient, data: DataSummary | undefined, snapshot: Snapshot | undefined, features: readonly FeatureName[], auto: boolean): ModelCopy {
  const [taken, setTaken] = useState<TakenModel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const takenRef = useRef<TakenModel | null>(null);
  const live = useRef({ data, features, iterations: snapshot?.iterations ?? 0 });
  live.current = { data, features, iterations: snapshot?.iterations ?? 0 };
  const take = useCallback(
    async (pause: boolean) => {
      if (pause) client.send({ type: 'pause' });
      const saved = await client.getModel();
      const now = live.current;
      // The saved form predicts a standardized target in its own units; the copy walked is the network as it trains.
      const json = now.data?.targetScaler ? unfoldTargetScaler(saved, now.data.targetScaler) : saved;
      if (!now.data || json.inputs !== now.data.inputs) return; // a rebuild is under way: its new data brings another take
      const before = takenRef.current;
      const next = { json, features: now.features, data: now.data, iterations: now.iterations };
      takenRef.current = next;
      setNotice(before && shape(before.json) !== shape(json) ? `The network changed from ${shape(before.json)} to ${shape(json)} units: this now shows the current one.` : null);
      setTaken(next);
    },
    [client],
  );
  const wanted = taken !== null || auto;
  useEffect(() => {
    if (wanted && data && taken?.data !== data) void take(false);
  }, [wanted, data, taken, take]);
  return { taken, notice, behind: taken ? Math.max(0, (snapshot?.iterations ?? 0) - taken.iterations) : 0, take };
}
