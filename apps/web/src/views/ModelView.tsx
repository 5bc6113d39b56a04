import { ModelIO } from '../components/ModelIO.js';
import type { ViewProps } from './view-props.js';

/** Model: export (JSON, ONNX, safetensors, a standalone module) and import. */
export function ModelView({ pg, importFile }: ViewProps) {
  return <ModelIO client={pg.client} onImport={importFile} />;
}
