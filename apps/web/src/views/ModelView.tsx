import { ModelIO } from '../components/ModelIO.js';
import { playgroundMetadata } from '../model/model-metadata.js';
import type { ViewProps } from './view-props.js';

/** Model: export (JSON, ONNX, safetensors, a standalone module; the JSON says which data trained it) and import. */
export function ModelView({ pg, importFile }: ViewProps) {
  const metadata = playgroundMetadata(pg.config, pg.config.dataset === 'csv' ? pg.csv.source : undefined);
  return <ModelIO client={pg.client} metadata={metadata} onImport={importFile} />;
}
