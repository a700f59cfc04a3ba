import { EmploymentStatus, BeneficiaryGender } from '#app/beneficiaries';
import {
  AGE_BANDS,
  type AgeBand,
  ageBandSql,
  ISCED_GROUPS,
  type IscedGroup,
  iscedGroupSql,
} from './esf-classification.js';

const participantCounts = [
  `'total', count(*)`,
  `'women', count(*) FILTER (WHERE gender = '${BeneficiaryGender.FEMALE}')`,
  `'men', count(*) FILTER (WHERE gender = '${BeneficiaryGender.MALE}')`,
  `'nonBinary', count(*) FILTER (WHERE gender = '${BeneficiaryGender.NON_BINARY}')`,
  // Annex I: "unemployed, including long-term unemployed".
  `'unemployed', count(*) FILTER (WHERE employment_status IN ('${EmploymentStatus.UNEMPLOYED}', '${EmploymentStatus.LONG_TERM_UNEMPLOYED}'))`,
  `'longTermUnemployed', count(*) FILTER (WHERE employment_status = '${EmploymentStatus.LONG_TERM_UNEMPLOYED}')`,
  `'inactive', count(*) FILTER (WHERE employment_status = '${EmploymentStatus.INACTIVE}')`,
  `'employed', count(*) FILTER (WHERE employment_status = '${EmploymentStatus.EMPLOYED}')`,
  ...(Object.keys(AGE_BANDS) as AgeBand[]).map(
    (band) => `'${band}', count(*) FILTER (WHERE ${ageBandSql(band, 'age_at_entry')})`,
  ),
  ...(Object.keys(ISCED_GROUPS) as IscedGroup[]).map(
    (group) => `'${group}', count(*) FILTER (WHERE ${iscedGroupSql(group, 'education_level')})`,
  ),
  `'disability', count(*) FILTER (WHERE disability)`,
  // Not an EU citizen; an unknown citizenship is not counted (Art. 2(2) of the Regulation).
  `'thirdCountNationals', count(*) FILTER (WHERE citizenship IS NOT NULL AND citizenship <> ALL ($3::text[]))`,
].join(',\n      ');

/**
 * The FSE+ indicators in one statement over the participants' read model (migration
 * 1763700001050-report-participants: one row per case with its attributes at entry, the day it left and
 * its results, kept by triggers). Parameters: $1 = from, $2 = to (calendar days in the programme's time
 * zone, both included), $3 = the EU-27 citizenship codes. Participants are the cases opened in the window;
 * results are those of them who have left (a case that has not left has every result false).
 */
export const ESF_INDICATORS_SQL = `
SELECT
  jsonb_build_object(
      ${participantCounts}) AS participants,
  jsonb_build_object(
      -- Job searching and in employment exclude each other: a contract starting within the four weeks
      -- is the later status, since the search is known only as of the day of leaving.
      'engagedInJobSearching', count(*) FILTER (WHERE job_searching AND NOT in_employment),
      'inEducationOrTraining', count(*) FILTER (WHERE in_training),
      'gainingQualification', count(*) FILTER (WHERE qualified),
      'inEmploymentIncludingSelfEmployment', count(*) FILTER (WHERE in_employment),
      'inEmploymentSixMonthsAfterLeaving', count(*) FILTER (WHERE employed_six_months)) AS results
FROM report_participants
WHERE opened_on BETWEEN $1::date AND $2::date`;
