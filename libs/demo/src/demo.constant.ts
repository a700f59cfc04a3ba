/** The one password of every demo account (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'insieme-demo-2026';

/**
 * The last day of the generated history. Fixed, not today, so that a seed always gives the same data;
 * pass `asOf` to end the history on another day.
 */
export const DEMO_AS_OF = '2026-11-20';

export const DEMO_DEFAULT_SIZE = 3000;
export const DEMO_DEFAULT_SEED = 1;
export const DEMO_COUNSELLORS = 15;

/** Demo accounts live under a reserved domain. */
export const DEMO_EMAIL_DOMAIN = 'demo.local';
