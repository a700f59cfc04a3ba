import type { ValueTransformer } from 'typeorm';

/** Euros (at most two decimals, validated upstream) to integer cents, without floating-point drift. */
export function eurosToCents(euros: number): number {
  return Math.round(euros * 100);
}

export function centsToEuros(cents: number | string): number {
  return Number(cents) / 100;
}

/** bigint columns come back from pg as strings; cents stay exact up to 2^53. */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
