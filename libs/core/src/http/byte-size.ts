const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
/** A size as BODY_LIMIT and IMPORT_LIMIT are written. */
export const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i;

/**
 * Bytes in a size written as `20mb`, `512kb` or `1048576` (units of 1024, as body-parser read
 * BODY_LIMIT and IMPORT_LIMIT before), so the settings keep their meaning. `setting` names the
 * variable in the error.
 */
export function bytesOf(size: string, setting: string): number {
  const match = BYTE_SIZE.exec(size);
  if (!match) throw new Error(`${setting} must be a size such as 20mb, not "${size}"`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}
