import { useEffect, useRef } from 'react';
import { useTheme } from '../state/theme.js';
import { paintField } from './colors.js';

/** A small square heatmap (a neuron's output, a feature, a what-if boundary). */
export function Field(props: { values: ArrayLike<number> | undefined; size: number; px: number; scale?: number; strength?: number; confidence?: ArrayLike<number> | undefined; discretize?: boolean; label: string; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { values, size, scale, confidence, discretize, strength } = props;
  const [theme] = useTheme();
  useEffect(() => {
    if (ref.current && values && theme) paintField(ref.current, values, size, { confidence, discretize: discretize ?? false, scale: scale ?? 1, strength: strength ?? 1 });
  }, [values, size, scale, confidence, discretize, strength, theme]);
  return <canvas ref={ref} width={size} height={size} style={{ width: props.px, height: props.px }} role="img" aria-label={props.label} className={props.className} />;
}
