/**
 * How the FSE+ common output indicators classify a participant (Regulation (EU) 2021/1057, Annex I).
 * The SQL of the report is generated from these tables, so the rule lives in one place.
 */

/**
 * The 27 Member States (ISO 3166-1 alpha-2, as citizenship is stored; Greece is GR, not Eurostat's EL).
 * The United Kingdom left on 31 January 2020 and is a third country for the 2021-2027 programmes.
 */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

/** Age bands of Annex I point 1.1, in completed years at entry; a bound left out is open. */
export const AGE_BANDS = {
  under18: { maxAge: 17 },
  age18to29: { minAge: 18, maxAge: 29 },
  age55plus: { minAge: 55 },
} as const satisfies Record<string, { minAge?: number; maxAge?: number }>;

export type AgeBand = keyof typeof AGE_BANDS;

/** ISCED 2011 groups of Annex I point 1.1 (education_level holds the ISCED level 0-8). */
export const ISCED_GROUPS = {
  isced0to2: [0, 1, 2],
  isced3to4: [3, 4],
  isced5to8: [5, 6, 7, 8],
} as const satisfies Record<string, readonly number[]>;

export type IscedGroup = keyof typeof ISCED_GROUPS;

/** SQL condition: the age expression falls in the band. */
export function ageBandSql(band: AgeBand, ageExpression: string): string {
  const bounds: { minAge?: number; maxAge?: number } = AGE_BANDS[band];
  const conditions = [
    ...(bounds.minAge === undefined ? [] : [`${ageExpression} >= ${bounds.minAge}`]),
    ...(bounds.maxAge === undefined ? [] : [`${ageExpression} <= ${bounds.maxAge}`]),
  ];
  return `(${conditions.join(' AND ')})`;
}

/** SQL condition: the ISCED level column is in the group. */
export function iscedGroupSql(group: IscedGroup, levelColumn: string): string {
  return `${levelColumn} IN (${ISCED_GROUPS[group].join(', ')})`;
}
