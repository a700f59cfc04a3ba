/** Short Italian texts counsellors, companies and coordinators write, for notes, feedback and outcomes. */
export const INTERVIEW_NOTES: readonly string[] = [
  'Persona motivata, cerca un lavoro stabile vicino a casa.',
  'Esperienze pregresse discontinue; buona disponibilità ai turni.',
  'Ha perso il lavoro durante la pandemia; chiede un percorso di riqualificazione.',
  'Carichi familiari importanti, disponibilità solo part-time al mattino.',
  'Buone competenze pratiche, da rafforzare la lingua italiana.',
  'Segnalato dalla parrocchia; situazione economica difficile, urgenza di reddito.',
  'Lunga inattività; obiettivo di riattivazione graduale.',
  'Disponibile a spostarsi in provincia se raggiungibile con i mezzi pubblici.',
];

export const ACTION_PLANS: readonly string[] = [
  'Aggiornare il curriculum e attivare la ricerca sulle offerte del Board.',
  'Corso di formazione breve, poi candidature mirate.',
  'Tirocinio in azienda per verificare le competenze sul campo.',
  'Corso di italiano e successivo orientamento al lavoro.',
  'Accompagnamento ai colloqui e candidature sulle offerte aperte.',
  'Valutare un percorso di autoimpiego con il sostegno del fondo.',
];

export const OUT_OF_TARGET_NOTES: readonly string[] = [
  'Già seguito da un altro servizio per il lavoro; orientato ai servizi competenti.',
  'Residente fuori dalla Città metropolitana.',
  'Richiesta non di lavoro ma di sostegno economico; inviato ai servizi sociali.',
];

export const PROPOSAL_NOTES: readonly string[] = [
  'Persona affidabile e puntuale, con esperienza nel settore.',
  'Molto motivata, ha completato da poco un corso di formazione pertinente.',
  'Disponibile su turni e nei fine settimana.',
  'Ha svolto un tirocinio con esito positivo in una mansione simile.',
  'Buona manualità e capacità di lavorare in squadra.',
  'Automunita, disponibile a spostamenti in provincia.',
];

export const REJECTION_FEEDBACK: readonly string[] = [
  'Profilo non in linea con la posizione.',
  'Abbiamo scelto un altro candidato.',
  'Il candidato ha rinunciato dopo il colloquio.',
  'Serve la patente per la mansione.',
  'Disponibilità oraria non compatibile con i turni.',
  'Competenze linguistiche non ancora sufficienti.',
];

export const HIRE_FEEDBACK: readonly string[] = [
  'Colloquio positivo, inserimento in squadra.',
  'Ottima impressione, proponiamo un contratto.',
  'Assunzione confermata dopo la prova.',
];

export const INTERNSHIP_OUTCOMES = {
  completed: ['Tirocinio concluso positivamente.', 'Obiettivi formativi raggiunti.'],
  hired: ['Concluso con assunzione presso il soggetto ospitante.'],
  interrupted: [
    'Interrotto per motivi di salute.',
    'Interrotto su richiesta del tirocinante.',
    'Interrotto per incompatibilità con gli orari.',
  ],
} as const;

export const FOLLOW_UP_NOTES = {
  employed: [
    'Contratto in corso, si trova bene.',
    'Soddisfatto/a del lavoro.',
    'Ha ottenuto più ore settimanali.',
  ],
  unemployed: [
    'Contratto non rinnovato.',
    'Ha lasciato il lavoro, cerca un nuovo impiego.',
    'In attesa di richiamo.',
  ],
} as const;

export const HOLD_REASONS: readonly string[] = [
  'motivi di salute',
  'maternità',
  'rientro temporaneo nel paese di origine',
  'carichi di cura familiari',
];

export const GRANT_REJECTION_REASONS: readonly string[] = [
  'Piano di impresa non sostenibile nei primi due anni.',
  'Attività non ammissibile al finanziamento.',
  'Documentazione incompleta oltre i termini.',
];

export interface BusinessIdea {
  name: string;
  atecoCode: string;
  plan: string;
}

/** Small businesses people start with a grant; {name} and {surname} are the founder's. */
export const BUSINESS_IDEAS: readonly BusinessIdea[] = [
  {
    name: 'Sartoria {name}',
    atecoCode: '14.13.20',
    plan: 'Riparazioni e confezione su misura in un piccolo laboratorio di quartiere.',
  },
  {
    name: 'Pulizie {surname}',
    atecoCode: '81.21.00',
    plan: 'Pulizie di condomini e uffici con un furgone attrezzato.',
  },
  { name: 'Acconciature {name}', atecoCode: '96.02.01', plan: 'Salone di acconciatura con due postazioni.' },
  {
    name: 'Ciclofficina {surname}',
    atecoCode: '95.29.02',
    plan: 'Riparazione e vendita di biciclette usate.',
  },
  {
    name: 'Giardini {surname}',
    atecoCode: '81.30.00',
    plan: 'Manutenzione di giardini privati e aree verdi condominiali.',
  },
  {
    name: 'Traslochi {surname}',
    atecoCode: '49.42.00',
    plan: 'Piccoli traslochi e sgomberi con furgone a noleggio.',
  },
  {
    name: 'Dolci di {name}',
    atecoCode: '10.71.20',
    plan: 'Laboratorio di pasticceria per bar e ristoranti.',
  },
  {
    name: 'Assistenza PC {surname}',
    atecoCode: '95.11.00',
    plan: 'Assistenza informatica a domicilio per famiglie e piccoli uffici.',
  },
  {
    name: 'Casa in Ordine di {name}',
    atecoCode: '43.39.01',
    plan: 'Piccole manutenzioni e tinteggiature domestiche.',
  },
  {
    name: 'Cucina di {name}',
    atecoCode: '56.10.30',
    plan: 'Gastronomia da asporto con specialità del paese di origine.',
  },
];
