import { InitialSchema1763700000000 } from './1763700000000-initial-schema.js';
import { RateLimits1763700000050 } from './1763700000050-rate-limits.js';
import { Companies1763700000100 } from './1763700000100-companies.js';
import { Training1763700000200 } from './1763700000200-training.js';
import { Placements1763700000300 } from './1763700000300-placements.js';
import { Internships1763700000400 } from './1763700000400-internships.js';
import { Grants1763700000500 } from './1763700000500-grants.js';
import { IdempotencyKeys1763700000600 } from './1763700000600-idempotency-keys.js';
import { Reminders1763700000700 } from './1763700000700-reminders.js';
import { ReportIndexes1763700000800 } from './1763700000800-report-indexes.js';
import { ShardedCounters1763700000900 } from './1763700000900-sharded-counters.js';
import { ReportReadModel1763700001000 } from './1763700001000-report-read-model.js';
import { ReportParticipants1763700001050 } from './1763700001050-report-participants.js';
import { UserChangeNotify1763700001200 } from './1763700001200-user-change-notify.js';
import { ReportFunctionsPlpgsql1763700001300 } from './1763700001300-report-functions-plpgsql.js';
import { ReportLookupsByKey1763700001400 } from './1763700001400-report-lookups-by-key.js';
import { ReportTriggersGenericPlans1763700001500 } from './1763700001500-report-triggers-generic-plans.js';
import { CaseListIndexes1763700001600 } from './1763700001600-case-list-indexes.js';
import { ReportFactsInlined1763700001700 } from './1763700001700-report-facts-inlined.js';
import { OutboxUnpublishedIndex1763700001800 } from './1763700001800-outbox-unpublished-index.js';

/** Every migration, in order. Listed explicitly so the same list serves the CLI, the apps and the tests. */
export const migrations = [
  InitialSchema1763700000000,
  RateLimits1763700000050,
  Companies1763700000100,
  Training1763700000200,
  Placements1763700000300,
  Internships1763700000400,
  Grants1763700000500,
  IdempotencyKeys1763700000600,
  Reminders1763700000700,
  ReportIndexes1763700000800,
  ShardedCounters1763700000900,
  ReportReadModel1763700001000,
  ReportParticipants1763700001050,
  UserChangeNotify1763700001200,
  ReportFunctionsPlpgsql1763700001300,
  ReportLookupsByKey1763700001400,
  ReportTriggersGenericPlans1763700001500,
  CaseListIndexes1763700001600,
  ReportFactsInlined1763700001700,
  OutboxUnpublishedIndex1763700001800,
];
