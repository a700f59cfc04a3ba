import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The read model's trigger functions plan their statements once per session, whoever the writer is.
 *
 * The engine's connections already ask for generic plans. The API's and the importer's do not, and
 * there PostgreSQL compares each statement's generic plan, costed for arrays of 10 or 100 cases, with a
 * custom plan for the one case a request touches: the custom one looks cheaper, so the statement is
 * planned again at every call. Recording an interview as held spent 1.2 ms in
 * `report_interviews_changed`, most of it planning `report_add`'s upsert, against 0.6 ms on generic
 * plans. Since migration 1763700001400 the generic plans are index lookups per case whatever the array
 * holds, so nothing is lost by keeping them.
 *
 * The setting is on the trigger functions, the entry points of a write; the helpers they call run under
 * it. The bulk rebuilds are left alone: they run once, on whole tables, where a custom plan is right.
 */
const TRIGGER_FUNCTIONS = [
  'report_cases_inserted()',
  'report_case_updated()',
  'report_beneficiary_updated()',
  'report_interviews_changed()',
  'report_follow_ups_changed()',
  'report_placements_changed()',
  'report_internships_changed()',
  'report_track_inputs_changed()',
  'report_track_input_updated()',
  'report_participants_cases_inserted()',
  'report_participants_case_updated()',
  'report_participants_person_updated()',
  'report_participants_event_changed()',
  'report_participants_facts_changed()',
];

export class ReportTriggersGenericPlans1763700001500 implements MigrationInterface {
  name = 'ReportTriggersGenericPlans1763700001500';

  async up(db: QueryRunner): Promise<void> {
    for (const signature of TRIGGER_FUNCTIONS) {
      await db.query(`ALTER FUNCTION ${signature} SET plan_cache_mode = force_generic_plan`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const signature of TRIGGER_FUNCTIONS) {
      await db.query(`ALTER FUNCTION ${signature} RESET plan_cache_mode`);
    }
  }
}
