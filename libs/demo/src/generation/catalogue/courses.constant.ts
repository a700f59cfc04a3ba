/**
 * The training catalogue: courses the programme buys from accredited providers, repeated through the
 * years. `days` is how long an edition runs; `qualification` is what a completed enrollment certifies
 * (null for attendance-only courses); `everyMonths` is how often an edition starts for a programme of
 * the full demo size (3000 people).
 */
export interface CourseProfile {
  title: string;
  hours: number;
  days: number;
  qualification: string | null;
  skills: readonly string[];
  capacity: number;
  /** Relative demand among enrollments. */
  weight: number;
  everyMonths: number;
  /** For people whose Italian is not yet enough for work. */
  language?: boolean;
}

export const COURSES: readonly CourseProfile[] = [
  {
    title: 'Sicurezza sul lavoro: formazione generale e rischio medio',
    hours: 12,
    days: 3,
    qualification: 'Attestato formazione sicurezza lavoratori (Accordo Stato-Regioni)',
    skills: ['sicurezza sul lavoro'],
    capacity: 25,
    everyMonths: 1,
    weight: 14,
  },
  {
    title: 'HACCP per addetti del settore alimentare',
    hours: 12,
    days: 3,
    qualification: 'Attestato HACCP',
    skills: ['haccp'],
    capacity: 25,
    everyMonths: 1,
    weight: 12,
  },
  {
    title: 'Conduzione del carrello elevatore',
    hours: 12,
    days: 3,
    qualification: 'Abilitazione alla conduzione di carrelli elevatori',
    skills: ['carrello elevatore'],
    capacity: 12,
    everyMonths: 1,
    weight: 10,
  },
  {
    title: 'Italiano L2 per il lavoro, livello A2',
    hours: 60,
    days: 45,
    qualification: 'Certificazione di lingua italiana A2',
    skills: ['lingua italiana'],
    capacity: 18,
    everyMonths: 2,
    weight: 9,
    language: true,
  },
  {
    title: 'Italiano L2 per il lavoro, livello B1',
    hours: 80,
    days: 60,
    qualification: 'Certificazione di lingua italiana B1',
    skills: ['lingua italiana'],
    capacity: 18,
    everyMonths: 2,
    weight: 6,
    language: true,
  },
  {
    title: 'Competenze digitali di base',
    hours: 40,
    days: 30,
    qualification: 'Attestato di competenze digitali',
    skills: ['informatica di base'],
    capacity: 16,
    everyMonths: 2,
    weight: 8,
  },
  {
    title: 'Pulizie professionali e sanificazione',
    hours: 40,
    days: 20,
    qualification: null,
    skills: ['pulizie', 'sanificazione'],
    capacity: 16,
    everyMonths: 2,
    weight: 8,
  },
  {
    title: 'Aiuto cuoco e preparazione pasti',
    hours: 120,
    days: 50,
    qualification: 'Certificato di competenze: preparazione pasti',
    skills: ['cucina', 'haccp'],
    capacity: 14,
    everyMonths: 3,
    weight: 6,
  },
  {
    title: 'Magazzino e logistica',
    hours: 80,
    days: 35,
    qualification: 'Certificato di competenze: gestione del magazzino',
    skills: ['magazzino', 'picking'],
    capacity: 16,
    everyMonths: 2,
    weight: 7,
  },
  {
    title: 'Assistente familiare',
    hours: 120,
    days: 60,
    qualification: 'Certificato di competenze: assistenza familiare',
    skills: ['assistenza anziani', 'cura della persona'],
    capacity: 16,
    everyMonths: 3,
    weight: 6,
  },
  {
    title: 'Operatore socio-sanitario (OSS)',
    hours: 1000,
    days: 300,
    qualification: 'Qualifica di Operatore socio-sanitario',
    skills: ['oss', 'assistenza anziani'],
    capacity: 20,
    everyMonths: 12,
    weight: 3,
  },
  {
    title: 'Addetto alle vendite e alla cassa',
    hours: 60,
    days: 30,
    qualification: null,
    skills: ['vendita', 'cassa'],
    capacity: 16,
    everyMonths: 2,
    weight: 5,
  },
  {
    title: 'Saldatura a filo e TIG',
    hours: 100,
    days: 45,
    qualification: 'Attestato di saldatore',
    skills: ['saldatura'],
    capacity: 10,
    everyMonths: 3,
    weight: 3,
  },
  {
    title: 'Tinteggiatura e piccola manutenzione edile',
    hours: 80,
    days: 35,
    qualification: null,
    skills: ['tinteggiatura', 'edilizia'],
    capacity: 12,
    everyMonths: 2,
    weight: 3,
  },
];

export const COURSE_PROVIDERS: readonly string[] = [
  'Centro di Formazione Felsineo',
  'Istituto Professionale Due Torri',
  'Scuola Edile Metropolitana',
  'Accademia della Ristorazione Petroniana',
  'Formazione Lavoro Reno',
  'Ente Formativo San Donato',
];
