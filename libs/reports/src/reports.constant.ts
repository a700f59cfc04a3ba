/**
 * The programme's calendar: a report for "2024-01-01 to 2024-12-31" means those days in Bologna, so a case
 * opened at 23:30 UTC on 31 December 2023 (00:30 on 1 January in Rome) belongs to 2024.
 */
export const PROGRAMME_TIME_ZONE = 'Europe/Rome';

/** Name of the optional read-replica connection; without REPORTS_DATABASE_URL it is the default one. */
export const REPORTS_CONNECTION = 'reports';

export enum ReportFormat {
  JSON = 'json',
  CSV = 'csv',
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
