/** Municipalities of the metropolitan city of Bologna, weighted by how many of the people served live there. */
export const RESIDENCE_MUNICIPALITIES: ReadonlyArray<readonly [string, number]> = [
  ['Bologna', 55],
  ['Imola', 5],
  ['Casalecchio di Reno', 4],
  ['San Lazzaro di Savena', 4],
  ['San Giovanni in Persiceto', 2.5],
  ['Valsamoggia', 2.5],
  ['Castel Maggiore', 2.5],
  ['Zola Predosa', 2],
  ['Calderara di Reno', 2],
  ['Budrio', 2],
  ['Castel San Pietro Terme', 2],
  ["Granarolo dell'Emilia", 1.5],
  ['Castenaso', 1.5],
  ['Pianoro', 1.5],
  ['Sasso Marconi', 1.5],
  ["Anzola dell'Emilia", 1.5],
  ["Ozzano dell'Emilia", 1.5],
  ['Molinella', 1.5],
  ['Argelato', 1],
  ['Minerbio', 1],
  ['Bentivoglio', 0.5],
];

/** Where the Board companies are, weighted: the city and the industrial belt around it. */
export const COMPANY_MUNICIPALITIES: ReadonlyArray<readonly [string, number]> = [
  ['Bologna', 45],
  ['Casalecchio di Reno', 6],
  ['San Lazzaro di Savena', 5],
  ['Imola', 6],
  ['Calderara di Reno', 5],
  ['Castel Maggiore', 4],
  ['Zola Predosa', 4],
  ["Granarolo dell'Emilia", 3],
  ['Bentivoglio', 4],
  ["Anzola dell'Emilia", 3],
  ['Valsamoggia', 3],
  ["Ozzano dell'Emilia", 3],
  ['San Giovanni in Persiceto', 3],
  ['Budrio', 2],
  ['Argelato', 2],
];

/**
 * Italian birthplaces with their Belfiore codes (checked against codice-fiscale-js's list in the
 * unit spec): Bologna and Emilia-Romagna, and the cities of the South that many in Bologna come from.
 */
export const ITALIAN_BIRTHPLACES: ReadonlyArray<
  readonly [{ name: string; province: string; code: string }, number]
> = [
  [{ name: 'Bologna', province: 'BO', code: 'A944' }, 40],
  [{ name: 'Imola', province: 'BO', code: 'E289' }, 4],
  [{ name: 'Casalecchio di Reno', province: 'BO', code: 'B880' }, 2],
  [{ name: 'San Lazzaro di Savena', province: 'BO', code: 'H945' }, 1],
  [{ name: 'Ferrara', province: 'FE', code: 'D548' }, 3],
  [{ name: 'Modena', province: 'MO', code: 'F257' }, 3],
  [{ name: 'Ravenna', province: 'RA', code: 'H199' }, 2],
  [{ name: 'Parma', province: 'PR', code: 'G337' }, 1],
  [{ name: 'Rimini', province: 'RN', code: 'H294' }, 1],
  [{ name: 'Forlì', province: 'FC', code: 'D704' }, 1],
  [{ name: 'Napoli', province: 'NA', code: 'F839' }, 6],
  [{ name: 'Palermo', province: 'PA', code: 'G273' }, 5],
  [{ name: 'Bari', province: 'BA', code: 'A662' }, 3],
  [{ name: 'Foggia', province: 'FG', code: 'D643' }, 3],
  [{ name: 'Reggio di Calabria', province: 'RC', code: 'H224' }, 3],
  [{ name: 'Catania', province: 'CT', code: 'C351' }, 3],
  [{ name: 'Salerno', province: 'SA', code: 'H703' }, 2],
  [{ name: 'Cosenza', province: 'CS', code: 'D086' }, 2],
  [{ name: 'Taranto', province: 'TA', code: 'L049' }, 2],
  [{ name: 'Lecce', province: 'LE', code: 'E506' }, 2],
  [{ name: 'Caserta', province: 'CE', code: 'B963' }, 2],
  [{ name: 'Messina', province: 'ME', code: 'F158' }, 2],
  [{ name: 'Agrigento', province: 'AG', code: 'A089' }, 1],
  [{ name: 'Potenza', province: 'PZ', code: 'G942' }, 1],
  [{ name: 'Crotone', province: 'KR', code: 'D122' }, 1],
  [{ name: 'Trapani', province: 'TP', code: 'L331' }, 1],
  [{ name: 'Siracusa', province: 'SR', code: 'I754' }, 1],
  [{ name: 'Roma', province: 'RM', code: 'H501' }, 2],
  [{ name: 'Milano', province: 'MI', code: 'F205' }, 1],
  [{ name: 'Torino', province: 'TO', code: 'L219' }, 1],
  [{ name: 'Cagliari', province: 'CA', code: 'B354' }, 1],
  [{ name: 'Pescara', province: 'PE', code: 'G482' }, 1],
];
