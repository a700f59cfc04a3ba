const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i;

/**
 * Bytes in a size written as body-parser reads it (`20mb`, `512kb`, `1048576`; units of 1024), so a
 * multipart upload gets the same ceiling as a text/csv body under the one IMPORT_LIMIT setting.
 */
export function bytesOf(size: string): number {
  const match = SIZE.exec(size);
  if (!match) throw new Error(`IMPORT_LIMIT must be a size such as 20mb, not "${size}"`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}
