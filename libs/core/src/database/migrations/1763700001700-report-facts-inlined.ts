import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  type FunctionEdit,
  type Replacement,
  replaceFragments,
  restoreFragments,
} from './function-definitions.js';

/*
 * The triggers that compare a row's facts before and after an update call `report_facts` in a FROM
 * clause, where PostgreSQL inlines a SQL function into the plan the trigger keeps. Called in a target
 * list, as they were, it is a set-returning function call that PostgreSQL parses and plans again each
 * time the trigger's statement runs: at every interview recorded as held, every follow-up recorded,
 * every case placed or reassigned (docs/DECISIONS.md).
 */
const factsOf = (row: string): Replacement => ({
  from: `ARRAY(SELECT report_facts(${row}))`,
  to: `ARRAY(SELECT f FROM report_facts(${row}) f)`,
});

const CHANGES: FunctionEdit[] = [
  { signature: 'report_case_updated()', replacements: [factsOf('NEW'), factsOf('OLD')] },
  {
    signature: 'report_interviews_changed()',
    replacements: [factsOf('o::interviews'), factsOf('n::interviews')],
  },
  {
    signature: 'report_follow_ups_changed()',
    replacements: [factsOf('o::follow_ups'), factsOf('n::follow_ups')],
  },
];

export class ReportFactsInlined1763700001700 implements MigrationInterface {
  name = 'ReportFactsInlined1763700001700';

  async up(db: QueryRunner): Promise<void> {
    await replaceFragments(db, CHANGES);
  }

  async down(db: QueryRunner): Promise<void> {
    await restoreFragments(db, CHANGES);
  }
}
