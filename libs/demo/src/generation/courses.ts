import { type Day, instant, isoInstant, isoOf, workday } from './calendar.js';
import { COURSE_PROVIDERS, COURSES, type CourseProfile } from './catalogue/courses.constant.js';
import type { DemoRandom } from './random.js';
import type { CourseRow } from './rows.js';

/** Seats bought per expected enrollment, so that most people find an edition within a few weeks. */
const SEAT_MARGIN = 2;
const FULL_SIZE_ENROLLMENTS = 1200;
const DAYS_PER_MONTH = 30.4;

export interface CourseEdition {
  row: CourseRow;
  profile: CourseProfile;
  starts: Day;
  ends: Day;
  /** Every enrollment holds a seat here (dropped ones too): never more than the capacity, in any order. */
  seatsTaken: number;
}

/** The editions of the training catalogue through the years, and the seats left in each. */
export class CourseCalendar {
  readonly editions: CourseEdition[] = [];
  private readonly byProfile = new Map<CourseProfile, CourseEdition[]>();

  constructor(private readonly random: DemoRandom) {}

  /**
   * Enough editions of each course, evenly spread, for `expectedEnrollments` over the period; editions
   * starting after `asOf` are already planned (created by then).
   */
  generate(expectedEnrollments: number, from: Day, to: Day, asOf: Day, createdById: string): void {
    const weightSum = COURSES.reduce((sum, profile) => sum + profile.weight, 0);
    for (const profile of COURSES) {
      const demand = (expectedEnrollments * profile.weight) / weightSum;
      // A smaller programme runs each course less often, never less than its seats need.
      const everyMonths = profile.everyMonths * Math.max(1, FULL_SIZE_ENROLLMENTS / expectedEnrollments);
      const count = Math.max(
        2,
        Math.ceil((demand * SEAT_MARGIN) / profile.capacity),
        Math.floor((to - from) / DAYS_PER_MONTH / everyMonths),
      );
      const spacing = (to - from) / count;
      const editions: CourseEdition[] = [];
      for (let n = 0; n < count; n++) {
        const starts = workday(Math.round(from + n * spacing + this.random.int(0, Math.max(0, spacing / 3))));
        const ends = workday(starts + profile.days - 1);
        const createdAt = isoInstant(
          instant(Math.min(starts - this.random.int(20, 45), asOf), this.random.int(480, 960)),
        );
        const edition: CourseEdition = {
          profile,
          starts,
          ends,
          seatsTaken: 0,
          row: {
            id: this.random.uuid(),
            title: profile.title,
            provider: this.random.pick(COURSE_PROVIDERS),
            hours: profile.hours,
            starts_on: isoOf(starts),
            ends_on: isoOf(ends),
            capacity: profile.capacity,
            created_by_id: createdById,
            created_at: createdAt,
            updated_at: createdAt,
          },
        };
        editions.push(edition);
        this.editions.push(edition);
      }
      this.byProfile.set(profile, editions);
    }
  }

  /** The first edition with a free seat starting in [earliest, latest]: language courses for those who need them. */
  pick(needsItalian: boolean, earliest: Day, latest: Day): CourseEdition | null {
    const profiles = COURSES.filter((profile) => Boolean(profile.language) === needsItalian);
    const tried = new Set<CourseProfile>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const profile = this.random.weighted(
        profiles.map((candidate) => [candidate, candidate.weight] as const),
      );
      if (tried.has(profile)) continue;
      tried.add(profile);
      const edition = (this.byProfile.get(profile) ?? []).find(
        (candidate) =>
          candidate.starts >= earliest &&
          candidate.starts <= latest &&
          candidate.seatsTaken < candidate.row.capacity,
      );
      if (edition) {
        edition.seatsTaken++;
        return edition;
      }
    }
    return null;
  }
}
