import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training courses and the enrollments of cases in them. */
export class Training1763700000200 implements MigrationInterface {
  name = 'Training1763700000200';

  async up(db: QueryRunner): Promise<void> {
    // ends_on is the course's last day, so a one-day course has ends_on = starts_on.
    await db.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        provider varchar(200) NOT NULL,
        hours integer NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        capacity integer NOT NULL,
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_courses_hours CHECK (hours > 0),
        CONSTRAINT chk_courses_capacity CHECK (capacity > 0),
        CONSTRAINT chk_courses_dates CHECK (ends_on >= starts_on)
      )`);
    await db.query(`CREATE INDEX idx_courses_starts_on ON courses (starts_on)`);
    await db.query(`CREATE INDEX idx_courses_created_by_id ON courses (created_by_id)`);

    await db.query(`CREATE TYPE enrollment_status AS ENUM ('active', 'completed', 'dropped')`);
    await db.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        status enrollment_status NOT NULL DEFAULT 'active',
        qualification varchar(200),
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        created_by_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_enrollments_ended_at CHECK ((status = 'active') = (ended_at IS NULL)),
        CONSTRAINT chk_enrollments_qualification CHECK (qualification IS NULL OR status = 'completed')
      )`);
    // A case holds at most one active seat in a course, true under concurrent requests.
    await db.query(
      `CREATE UNIQUE INDEX uq_enrollments_active_case_course ON enrollments (case_id, course_id) WHERE status = 'active'`,
    );
    // Serves the seat count of a course (active + completed) under the course lock.
    await db.query(`CREATE INDEX idx_enrollments_course_status ON enrollments (course_id, status)`);
    await db.query(`CREATE INDEX idx_enrollments_case_status ON enrollments (case_id, status)`);
    await db.query(`CREATE INDEX idx_enrollments_created_by_id ON enrollments (created_by_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS enrollments`);
    await db.query(`DROP TABLE IF EXISTS courses`);
    await db.query(`DROP TYPE IF EXISTS enrollment_status`);
  }
}
