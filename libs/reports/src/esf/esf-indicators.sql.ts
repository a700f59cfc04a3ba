import { EmploymentStatus, BeneficiaryGender } from '#app/beneficiaries';
import { CaseState, ManualCloseReason } from '#app/cases';
import { EnrollmentStatus } from '#app/training';
import { PROGRAMME_TIME_ZONE } from '../reports.constant.js';
import {
  AGE_BANDS,
  type AgeBand,
  ageBandSql,
  ISCED_GROUPS,
  type IscedGroup,
  iscedGroupSql,
} from './esf-classification.js';

/** "Upon leaving" (Annex I immediate results): within four weeks of the day the participant left. */
export const UPON_LEAVING_DAYS = 28;

const localDay = (instant: string) => `(${instant} AT TIME ZONE '${PROGRAMME_TIME_ZONE}')::date`;

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
    (band) => `'${band}', count(*) FILTER (WHERE ${ageBandSql(band, 'age')})`,
  ),
  ...(Object.keys(ISCED_GROUPS) as IscedGroup[]).map(
    (group) => `'${group}', count(*) FILTER (WHERE ${iscedGroupSql(group, 'education_level')})`,
  ),
  `'disability', count(*) FILTER (WHERE disability)`,
  // Not an EU citizen; an unknown citizenship is not counted (Art. 2(2) of the Regulation).
  `'thirdCountNationals', count(*) FILTER (WHERE citizenship IS NOT NULL AND citizenship <> ALL ($3::text[]))`,
].join(',\n      ');

/**
 * The FSE+ indicators in one statement. Parameters: $1 = from, $2 = to (calendar days in the programme's
 * time zone, both included), $3 = the EU-27 citizenship codes. Participants are the cases opened in the
 * window; results concern those of them who have left (placed or closed), each status looked up in the
 * 28 days from the day of leaving. Each result is one join of the leavers with one table, never a query per
 * participant.
 */
export const ESF_INDICATORS_SQL = `
WITH participants AS MATERIALIZED (
  SELECT c.id, c.beneficiary_id, b.gender, b.employment_status, b.disability, b.citizenship, b.education_level,
         date_part('year', age(${localDay('c.opened_at')}, b.birth_date)) AS age,
         ${localDay('coalesce(c.placed_at, c.closed_at)')} AS left_on,
         c.placed_at IS NULL AND c.closed_reason IS DISTINCT FROM '${ManualCloseReason.DROPPED_OUT}' AS left_searchable
  FROM cases c JOIN beneficiaries b ON b.id = c.beneficiary_id
  WHERE c.opened_at >= ($1::date::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')
    AND c.opened_at < (($2::date + 1)::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')
),
leavers AS MATERIALIZED (
  SELECT id, beneficiary_id, left_on, left_searchable FROM participants WHERE left_on IS NOT NULL
),
-- A contract of the person starting by the end of the four weeks: one of this case (the placement it left
-- by, possibly backdated) or one started on or after the day of leaving (a later case's, too).
in_employment AS (
  SELECT DISTINCT l.id FROM leavers l JOIN placements q ON q.beneficiary_id = l.beneficiary_id
  WHERE q.starts_on <= l.left_on + ${UPON_LEAVING_DAYS} AND (q.case_id = l.id OR q.starts_on >= l.left_on)
),
-- Closed (not placed) while in the job-search state, and not because the person dropped out.
job_searching AS (
  SELECT DISTINCT l.id FROM leavers l JOIN case_events e ON e.case_id = l.id
  WHERE l.left_searchable AND e.to_state = '${CaseState.CLOSED}' AND e.from_state = '${CaseState.JOB_SEARCH}'
),
-- One pass over the leavers' enrollments for both: a course attended at some point of the four weeks
-- (enrolled by their end, not ended before leaving), and a qualification obtained during participation
-- or in the four weeks after leaving.
enrollment_results AS (
  SELECT l.id,
    bool_or(${localDay('e.enrolled_at')} <= l.left_on + ${UPON_LEAVING_DAYS}
            AND (e.ended_at IS NULL OR ${localDay('e.ended_at')} >= l.left_on)) AS in_training,
    bool_or(e.status = '${EnrollmentStatus.COMPLETED}' AND e.qualification IS NOT NULL
            AND ${localDay('e.ended_at')} <= l.left_on + ${UPON_LEAVING_DAYS}) AS qualified
  FROM leavers l JOIN enrollments e ON e.case_id = l.id
  GROUP BY l.id
),
employed_six_months AS (
  SELECT DISTINCT l.id FROM leavers l JOIN follow_ups f ON f.case_id = l.id
  WHERE f.months_after = 6 AND f.employed
)
SELECT
  (SELECT jsonb_build_object(
      ${participantCounts}) FROM participants) AS participants,
  (SELECT jsonb_build_object(
      -- Job searching and in employment exclude each other: a contract starting within the four weeks
      -- is the later status, since the search is known only as of the day of leaving.
      'engagedInJobSearching', count(*) FILTER (WHERE s.id IS NOT NULL AND w.id IS NULL),
      'inEducationOrTraining', count(*) FILTER (WHERE er.in_training),
      'gainingQualification', count(*) FILTER (WHERE er.qualified),
      'inEmploymentIncludingSelfEmployment', count(*) FILTER (WHERE w.id IS NOT NULL),
      'inEmploymentSixMonthsAfterLeaving', count(*) FILTER (WHERE six.id IS NOT NULL))
    FROM leavers l
    LEFT JOIN in_employment w ON w.id = l.id
    LEFT JOIN job_searching s ON s.id = l.id
    LEFT JOIN enrollment_results er ON er.id = l.id
    LEFT JOIN employed_six_months six ON six.id = l.id) AS results`;
