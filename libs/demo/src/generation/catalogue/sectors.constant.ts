/**
 * The sectors of the Board companies, as ATECO codes, with what a company of the sector is called,
 * how large it tends to be, and the jobs it offers (titles, skills, contracts). Name patterns use
 * {surname}, {place} and {word}.
 */
export enum Sector {
  LOGISTICS = 'logistics',
  RETAIL = 'retail',
  FOOD = 'food',
  CLEANING = 'cleaning',
  CONSTRUCTION = 'construction',
  CARE = 'care',
  MANUFACTURING = 'manufacturing',
}

export type ContractChoice = 'permanent' | 'fixed_term' | 'apprenticeship' | 'temporary_agency' | 'other';

export interface JobProfile {
  title: string;
  skills: readonly string[];
}

export interface SectorProfile {
  sector: Sector;
  /** Share of the Board. */
  weight: number;
  atecoCodes: readonly string[];
  namePatterns: readonly string[];
  /** Median head count (sizes are log-normal around it, 3..800). */
  medianEmployees: number;
  jobs: readonly JobProfile[];
  contracts: ReadonlyArray<readonly [ContractChoice, number]>;
}

export const SECTORS: readonly SectorProfile[] = [
  {
    sector: Sector.LOGISTICS,
    weight: 16,
    atecoCodes: ['52.10.10', '52.29.22', '52.24.20', '52.29.10'],
    namePatterns: [
      '{surname} Logistica S.r.l.',
      'Trasporti e Logistica {surname} S.r.l.',
      '{place} Logistics S.p.A.',
      'Magazzini Generali {place} S.r.l.',
      'Interporto Servizi {surname} S.r.l.',
      '{word} Distribuzione Soc. Coop.',
    ],
    medianEmployees: 45,
    jobs: [
      { title: 'Magazziniere/a', skills: ['magazzino', 'picking', 'carrello elevatore'] },
      { title: 'Addetto/a carico e scarico merci', skills: ['movimentazione merci', 'magazzino'] },
      { title: 'Mulettista', skills: ['carrello elevatore', 'magazzino'] },
      { title: 'Addetto/a smistamento pacchi', skills: ['smistamento', 'magazzino'] },
      { title: 'Autista patente C', skills: ['patente c', 'guida'] },
    ],
    contracts: [
      ['temporary_agency', 30],
      ['fixed_term', 45],
      ['permanent', 15],
      ['apprenticeship', 5],
      ['other', 5],
    ],
  },
  {
    sector: Sector.RETAIL,
    weight: 14,
    atecoCodes: ['47.11.20', '47.11.40', '47.19.10', '47.52.10', '47.71.10', '47.29.90'],
    namePatterns: [
      'Supermercato {surname} S.r.l.',
      'Market {place} S.r.l.',
      'Alimentari {surname} & C. S.n.c.',
      'Ferramenta {surname} S.r.l.',
      'Emporio {word} S.r.l.',
      'Drogheria {surname} S.a.s.',
    ],
    medianEmployees: 14,
    jobs: [
      { title: 'Addetto/a alle vendite', skills: ['vendita', 'cassa'] },
      { title: 'Cassiere/a', skills: ['cassa', 'vendita'] },
      { title: 'Scaffalista', skills: ['rifornimento scaffali', 'magazzino'] },
      { title: 'Banconista gastronomia', skills: ['banco alimentare', 'haccp'] },
      { title: 'Addetto/a reparto ortofrutta', skills: ['ortofrutta', 'vendita'] },
    ],
    contracts: [
      ['fixed_term', 50],
      ['permanent', 20],
      ['apprenticeship', 15],
      ['temporary_agency', 10],
      ['other', 5],
    ],
  },
  {
    sector: Sector.FOOD,
    weight: 20,
    atecoCodes: [
      '10.71.10',
      '10.73.00',
      '10.13.00',
      '10.85.01',
      '56.10.11',
      '56.21.00',
      '56.29.20',
      '56.30.00',
    ],
    namePatterns: [
      'Forno {surname} S.r.l.',
      'Pastificio {surname} S.r.l.',
      'Trattoria da {firstName} S.n.c.',
      'Osteria {word} S.r.l.',
      'Ristorazione {place} S.r.l.',
      'Catering {surname} S.r.l.',
      'Salumificio {surname} S.p.A.',
      'Gastronomia {surname} S.a.s.',
      'Mense {place} Soc. Coop.',
    ],
    medianEmployees: 18,
    jobs: [
      { title: 'Aiuto cuoco/a', skills: ['cucina', 'haccp'] },
      { title: 'Lavapiatti', skills: ['cucina', 'pulizie'] },
      { title: 'Cameriere/a di sala', skills: ['sala', 'servizio al tavolo'] },
      { title: 'Addetto/a produzione alimentare', skills: ['produzione alimentare', 'haccp'] },
      { title: 'Barista', skills: ['caffetteria', 'bar'] },
      { title: 'Addetto/a confezionamento', skills: ['confezionamento', 'haccp'] },
      { title: 'Addetto/a mensa', skills: ['ristorazione collettiva', 'haccp'] },
    ],
    contracts: [
      ['fixed_term', 50],
      ['permanent', 15],
      ['apprenticeship', 12],
      ['temporary_agency', 8],
      ['other', 15],
    ],
  },
  {
    sector: Sector.CLEANING,
    weight: 14,
    atecoCodes: ['81.21.00', '81.22.02', '81.29.10', '81.30.00'],
    namePatterns: [
      '{word} Servizi Soc. Coop. Sociale',
      'Multiservizi {place} S.r.l.',
      'Pulizie {surname} S.r.l.',
      '{word} Facility Services S.r.l.',
      'Cooperativa Sociale {word}',
      'Verde {place} Soc. Coop.',
    ],
    medianEmployees: 60,
    jobs: [
      { title: 'Addetto/a alle pulizie', skills: ['pulizie'] },
      { title: 'Addetto/a pulizie industriali', skills: ['pulizie', 'macchinari per la pulizia'] },
      { title: 'Addetto/a sanificazione', skills: ['sanificazione', 'pulizie'] },
      { title: 'Operatore/trice del verde', skills: ['giardinaggio', 'manutenzione del verde'] },
    ],
    contracts: [
      ['fixed_term', 45],
      ['permanent', 25],
      ['other', 20],
      ['temporary_agency', 10],
    ],
  },
  {
    sector: Sector.CONSTRUCTION,
    weight: 12,
    atecoCodes: ['41.20.00', '43.21.01', '43.22.01', '43.31.00', '43.34.00', '43.39.01'],
    namePatterns: [
      'Edil{surname} S.r.l.',
      'Costruzioni {surname} S.r.l.',
      'Impianti Elettrici {surname} S.n.c.',
      'Termoidraulica {surname} S.r.l.',
      '{surname} Edilizia S.r.l.',
      'Restauri {place} S.r.l.',
    ],
    medianEmployees: 12,
    jobs: [
      { title: 'Manovale edile', skills: ['edilizia'] },
      { title: 'Muratore/trice', skills: ['edilizia', 'muratura'] },
      { title: 'Imbianchino/a', skills: ['tinteggiatura', 'edilizia'] },
      { title: 'Aiuto elettricista', skills: ['impianti elettrici'] },
      { title: 'Aiuto idraulico/a', skills: ['idraulica', 'impianti termici'] },
    ],
    contracts: [
      ['fixed_term', 40],
      ['permanent', 25],
      ['apprenticeship', 20],
      ['temporary_agency', 10],
      ['other', 5],
    ],
  },
  {
    sector: Sector.CARE,
    weight: 12,
    atecoCodes: ['87.10.00', '87.30.00', '88.10.00', '88.91.00', '87.90.00'],
    namePatterns: [
      'Casa Residenza {saint} Soc. Coop. Sociale',
      'Cooperativa Sociale {word}',
      'Villa {saint} S.r.l.',
      'Servizi Assistenziali {place} Soc. Coop.',
      'Centro Diurno {word} Soc. Coop. Sociale',
    ],
    medianEmployees: 70,
    jobs: [
      { title: 'Operatore/trice socio-sanitario (OSS)', skills: ['oss', 'assistenza anziani'] },
      { title: 'Assistente familiare', skills: ['assistenza anziani', 'cura della persona'] },
      { title: 'Ausiliario/a socio-assistenziale', skills: ['assistenza anziani', 'pulizie'] },
      { title: 'Addetto/a cucina e mensa', skills: ['cucina', 'haccp'] },
      { title: 'Addetto/a lavanderia e guardaroba', skills: ['lavanderia', 'pulizie'] },
    ],
    contracts: [
      ['fixed_term', 45],
      ['permanent', 35],
      ['other', 15],
      ['temporary_agency', 5],
    ],
  },
  {
    sector: Sector.MANUFACTURING,
    weight: 12,
    atecoCodes: ['25.11.00', '25.62.00', '25.99.99', '27.12.00', '28.22.09', '28.29.30', '28.41.00'],
    namePatterns: [
      'Officine Meccaniche {surname} S.p.A.',
      'Meccanica {place} S.r.l.',
      '{surname} Automazione S.r.l.',
      'Carpenteria Metallica {surname} S.r.l.',
      '{word} Packaging S.p.A.',
      'Minuterie {surname} S.n.c.',
      '{surname} Impianti Industriali S.r.l.',
    ],
    medianEmployees: 40,
    jobs: [
      { title: 'Operaio/a metalmeccanico', skills: ['meccanica', 'montaggio'] },
      { title: 'Saldatore/trice', skills: ['saldatura', 'carpenteria'] },
      { title: 'Addetto/a al montaggio', skills: ['montaggio', 'lettura del disegno tecnico'] },
      { title: 'Operatore/trice macchine CNC', skills: ['cnc', 'meccanica'] },
      { title: 'Addetto/a controllo qualità', skills: ['controllo qualità'] },
      { title: 'Operaio/a linea di confezionamento', skills: ['confezionamento', 'linea di produzione'] },
    ],
    contracts: [
      ['temporary_agency', 30],
      ['fixed_term', 35],
      ['permanent', 20],
      ['apprenticeship', 15],
    ],
  },
];

/** Words for cooperatives and brands; places of Bologna for company names. */
export const NAME_WORDS: readonly string[] = [
  'Arcobaleno',
  'Il Quadrifoglio',
  'La Fenice',
  'Il Ponte',
  "L'Orizzonte",
  'La Rondine',
  'Il Melograno',
  'La Quercia',
  'Il Girasole',
  'Solidarietà',
  'Nuovi Orizzonti',
  'La Bussola',
  'Il Faro',
  'Aurora',
  'Futura',
  'Il Mosaico',
  'La Sorgente',
  'Tre Colli',
  'Il Portico',
  'La Meridiana',
  'Lavoro Insieme',
  'Il Seme',
];

export const NAME_PLACES: readonly string[] = [
  'Emilia',
  'Felsinea',
  'Reno',
  'Savena',
  'Bolognese',
  'San Donato',
  'Navile',
  'Borgo Panigale',
  'Appennino',
  'Petroniana',
  'Due Torri',
  'Porta Lame',
  'Santo Stefano',
  'Bassa Bolognese',
  'Roveri',
  'Corticella',
  'Idice',
  'Setta',
  'Lame',
  'Pilastro',
];

export const NAME_SAINTS: readonly string[] = [
  'San Petronio',
  'Santa Clelia',
  'San Luca',
  "Sant'Anna",
  'San Domenico',
  'Santa Caterina',
  'San Giuseppe',
  'Santa Rita',
  'San Francesco',
  'Madonna del Soccorso',
];

/** Skills anyone may list, whatever the sector. */
export const GENERAL_SKILLS: readonly string[] = [
  'patente b',
  'informatica di base',
  'lavoro di squadra',
  'lingua inglese',
  'uso del computer',
  'turni notturni',
];
