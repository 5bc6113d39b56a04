import { CsvInput } from '../components/CsvInput.js';
import type { ViewProps } from './view-props.js';

/** Your data: paste or drop a CSV (it becomes the data set), and whether it travels in the link. */
export function YourDataView({ pg }: ViewProps) {
  return <CsvInput onUse={pg.loadCsv} link={pg.config.dataset === 'csv' ? pg.csv.link : undefined} />;
}
