import { useEffect, useRef } from 'react';
import { paintField } from './colors.js';

/** A small square heatmap (a neuron's output, a feature, a what-if boundary). */
export function Field(props: { values: ArrayLike<number> | undefined; size: number; px: number; scale?: number; confidence?: ArrayLike<number> | undefined; discretize?: boolean; label: string; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { values, size, scale, confidence, discretize } = props;
  useEffect(() => {
    if (ref.current && values) paintField(ref.current, values, size, { confidence, discretize: discretize ?? false, scale: scale ?? 1 });
  }, [values, size, scale, confidence, discretize]);
  return <canvas ref={ref} width={size} height={size} style={{ width: props.px, height: props.px }} role="img" aria-label={props.label} className={props.className} />;
}
