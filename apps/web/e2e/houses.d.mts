/** `rows` houses as CSV text in their own units; `target` picks the last column: the price band (3 classes) or the price in euros. */
export function housesCsv(rows: number, target: 'band' | 'price', seed?: number): string;
