-- Scale data for measuring the reports (docs/reports.md, "Measured"): :cases cases opened over 2021-2025,
-- with their people, interviews, enrollments, internships, proposals, grants, contracts, follow-ups and
-- about ten events each. It ERASES the database's data first, so it runs only on a scratch database:
--   createdb reports_scale && DATABASE_URL=postgres://.../reports_scale npm run migration:run
--   psql -d reports_scale -v erase_everything=yes -v cases=1000000 -f libs/reports/scale/report-scale-load.sql
-- 10^6 cases took 26 minutes on the 2-vCPU development machine (most of it the 10^7 events).
\set ON_ERROR_STOP on
\if :{?erase_everything}
\else
  \echo 'This script erases every row of the database. Run it on a scratch database with -v erase_everything=yes.'
  \quit
\endif
\if :{?cases}
\else
  \set cases 1000000
\endif
\timing on
SET synchronous_commit = off;
SELECT setseed(0.42);

TRUNCATE reminders, follow_ups, proposals, grants, disbursements, funding_lines, placements, internships,
  enrollments, courses, openings, interviews, case_events, cases, people_placed, beneficiaries,
  audit_log CASCADE;
DELETE FROM users; DELETE FROM companies;

INSERT INTO users (email, password_hash, full_name, role)
SELECT 'c' || i || '@scale.local', 'x', 'Counsellor ' || i, 'counsellor' FROM generate_series(1, 200) i;

INSERT INTO companies (name, vat_number, ateco_code, municipality, employees, board_member_since)
SELECT 'Company ' || i, lpad(i::text, 11, '0'), '25.62', 'Bologna', 5 + i % 200,
       DATE '2019-01-01' + (i * 17 % 2500)
FROM generate_series(1, 150) i;

INSERT INTO courses (title, provider, hours, starts_on, ends_on, capacity)
SELECT 'Course ' || i, 'Provider', 120, DATE '2021-01-01' + i * 9, DATE '2021-01-01' + i * 9 + 60, 100000
FROM generate_series(1, 200) i;

INSERT INTO openings (company_id, title, description, positions, contract_type, municipality, closes_on)
SELECT (SELECT id FROM companies ORDER BY name OFFSET (i % 150) LIMIT 1), 'Opening ' || i, 'd', 100000, 'permanent', 'Bologna', DATE '2026-12-31'
FROM generate_series(1, 600) i;

INSERT INTO funding_lines (code, name, fund, cup, programmed_cents)
VALUES ('BO4.4.8.1.a', 'Line', 'FSE+', 'F31D23000140007', 400000000000);

CREATE TEMP TABLE counsellor_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM users;
CREATE TEMP TABLE company_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM companies;
CREATE TEMP TABLE course_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM courses;
CREATE TEMP TABLE opening_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id, company_id FROM openings;

-- One planned life per case.
CREATE UNLOGGED TABLE plan AS
SELECT i,
       gen_random_uuid() AS beneficiary_id,
       gen_random_uuid() AS case_id,
       TIMESTAMPTZ '2021-01-01 08:00+01' + (random() * 1825) * interval '1 day' AS opened_at,
       1 + floor(random() * 200)::int AS counsellor_n,
       random() AS r_interview, random() AS r_triage, random() AS r_enrol, random() AS r_intern,
       random() AS r_grant, random() AS r_proposal, random() AS r_place, random() AS r_close,
       random() AS r_days, random() AS r_misc, random() AS r_misc2
FROM generate_series(1, :cases) i;

INSERT INTO beneficiaries (id, first_name, last_name, fiscal_code, birth_date, gender, citizenship, education_level,
  employment_status, disability, vulnerabilities, referral_source, privacy_consent_at, created_at)
SELECT beneficiary_id, 'Name', 'Surname ' || i, 'S' || lpad(i::text, 15, '0'),
       DATE '1958-01-01' + floor(r_misc * 18000)::int,
       (ARRAY['F','M','F','M','X'])[1 + i % 5]::beneficiary_gender,
       (ARRAY['IT','IT','IT','IT','IT','IT','RO','MA','AL','UA','NG','PK','FR','CN','DE','SN'])[1 + i % 16],
       (i * 7) % 9,
       (ARRAY['unemployed','long_term_unemployed','long_term_unemployed','inactive','employed'])[1 + (i * 3) % 5]::employment_status,
       i % 12 = 0, '{}',
       (ARRAY['parish','caritas','social_services','job_centre','web','word_of_mouth','other'])[1 + (i * 11) % 7]::referral_source,
       opened_at, opened_at
FROM plan;

INSERT INTO cases (id, beneficiary_id, counsellor_id, status, opened_at, last_activity_at, created_at)
SELECT p.case_id, p.beneficiary_id, c.id, 'intake', p.opened_at, p.opened_at, p.opened_at
FROM plan p JOIN counsellor_ids c ON c.n = p.counsellor_n;

-- Interviews: 90% held within 20 days; 10% of held are out of target.
INSERT INTO interviews (case_id, scheduled_at, held_at, triage)
SELECT case_id, opened_at + interval '3 days',
       CASE WHEN r_interview < 0.9 THEN opened_at + (1 + r_triage * 19) * interval '1 day' END,
       CASE WHEN r_interview < 0.9 THEN
         (CASE WHEN r_triage < 0.1 THEN 'out_of_target' WHEN r_triage < 0.55 THEN 'ready_for_placement' ELSE 'needs_training' END)::interview_triage END
FROM plan;

CREATE UNLOGGED TABLE life AS
SELECT p.*, (p.opened_at + (1 + p.r_triage * 19) * interval '1 day') AS held_at,
       p.r_interview < 0.9 AND p.r_triage >= 0.1 AS in_path
FROM plan p;

INSERT INTO enrollments (course_id, case_id, status, qualification, enrolled_at, ended_at)
SELECT co.id, l.case_id,
       (CASE WHEN l.r_misc2 < 0.7 THEN 'completed' ELSE 'dropped' END)::enrollment_status,
       CASE WHEN l.r_misc2 < 0.35 THEN 'Attestato' END,
       l.held_at + interval '7 days', l.held_at + interval '67 days'
FROM life l JOIN course_ids co ON co.n = 1 + (l.i % 200)
WHERE l.in_path AND l.r_enrol < 0.35;

INSERT INTO internships (case_id, company_id, starts_on, ends_on, monthly_allowance_cents, tutor_name, status, ended_at)
SELECT l.case_id, c.id, (l.held_at + interval '30 days')::date, (l.held_at + interval '150 days')::date, 50000, 'Tutor', 'completed',
       l.held_at + interval '150 days'
FROM life l JOIN company_ids c ON c.n = 1 + (l.i % 150)
WHERE l.in_path AND l.r_intern < 0.2;

INSERT INTO proposals (opening_id, case_id, note, status, created_at)
SELECT o.id, l.case_id, 'note', 'proposed', l.held_at + interval '10 days'
FROM life l JOIN opening_ids o ON o.n = 1 + (l.i % 600)
WHERE l.in_path AND l.r_proposal < 0.4;

INSERT INTO grants (case_id, funding_line_id, business_name, ateco_code, plan_summary, requested_cents, status, submitted_at)
SELECT l.case_id, (SELECT id FROM funding_lines), 'Biz', '56.10', 'plan', 500000, 'submitted', l.held_at + interval '20 days'
FROM life l WHERE l.in_path AND l.r_grant < 0.04;

-- New placements: 50% of cases in a path, 10..160 days after the interview; internship hosts hire half their interns.
INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, kind, starts_on, hours_per_week, source, created_at)
SELECT l.case_id, l.beneficiary_id,
       CASE WHEN l.r_intern < 0.2 AND l.r_misc < 0.5 THEN ci.id ELSE cr.id END,
       (ARRAY['permanent','fixed_term','fixed_term','apprenticeship','temporary_agency','other'])[1 + (l.i % 6)]::placement_contract_type,
       'new', (l.held_at + (10 + l.r_days * 150) * interval '1 day')::date, 38, 'direct',
       l.held_at + (10 + l.r_days * 150) * interval '1 day'
FROM life l
JOIN company_ids ci ON ci.n = 1 + (l.i % 150)
JOIN company_ids cr ON cr.n = 1 + ((l.i * 13) % 150)
WHERE l.in_path AND l.r_place < 0.5;

INSERT INTO placements (case_id, beneficiary_id, company_id, contract_type, kind, extends_placement_id, starts_on, hours_per_week, source, created_at)
SELECT p.case_id, p.beneficiary_id, p.company_id, 'fixed_term', 'extension', p.id, p.starts_on + 180, 38, 'direct', p.created_at + interval '180 days'
FROM placements p JOIN life l ON l.case_id = p.case_id
WHERE l.r_misc2 < 0.15;

UPDATE cases c SET status = 'placed', placed_at = p.created_at
FROM placements p WHERE p.case_id = c.id AND p.kind = 'new';

INSERT INTO follow_ups (placement_id, case_id, months_after, due_on, recorded_at, employed)
SELECT p.id, p.case_id, m, (p.starts_on + make_interval(months => m))::date,
       CASE WHEN (p.starts_on + make_interval(months => m))::date < DATE '2026-06-01' AND (hashtext(p.id::text || m) & 15) < 14
            THEN (p.starts_on + make_interval(months => m)) END,
       CASE WHEN (p.starts_on + make_interval(months => m))::date < DATE '2026-06-01' AND (hashtext(p.id::text || m) & 15) < 14
            THEN (hashtext(p.id::text) & 7) < 6 END
FROM placements p CROSS JOIN (VALUES (3), (6), (12)) AS months(m)
WHERE p.kind = 'new';

-- Closures: out of target at the interview; 40% of unplaced cases in a path close from job search or training.
UPDATE cases c SET status = 'closed', closed_reason = 'out_of_target', closed_at = l.held_at
FROM life l WHERE l.case_id = c.id AND l.r_interview < 0.9 AND l.r_triage < 0.1;
UPDATE cases c SET status = 'closed', closed_reason = (CASE WHEN l.r_close < 0.1 THEN 'dropped_out' ELSE 'other' END),
       closed_at = l.held_at + interval '120 days'
FROM life l WHERE l.case_id = c.id AND l.in_path AND l.r_place >= 0.5 AND l.r_close < 0.4;
UPDATE cases c SET status = 'closed', closed_reason = 'completed', closed_at = f.recorded_at
FROM follow_ups f WHERE f.case_id = c.id AND f.months_after = 12 AND f.recorded_at IS NOT NULL;
UPDATE cases c SET status = 'job_search' WHERE c.status = 'intake' AND EXISTS (SELECT 1 FROM life l WHERE l.case_id = c.id AND l.in_path);

-- ~10 events per case: the timeline the engine would have written (opened, interview, moves, and filler).
INSERT INTO case_events (case_id, type, payload, occurred_at, published_at, applied_at, from_state, to_state)
SELECT l.case_id,
       (ARRAY['case.opened','interview.held','proposal.created','enrollment.created','enrollment.ended','internship.started',
              'internship.ended','case.reassigned','placement.recorded','followup.recorded'])[k],
       '{}', l.opened_at + k * interval '9 days', l.opened_at + k * interval '9 days', l.opened_at + k * interval '9 days',
       NULL, NULL
FROM life l CROSS JOIN generate_series(1, 10) k;

INSERT INTO case_events (case_id, type, payload, occurred_at, published_at, applied_at, from_state, to_state, outcome)
SELECT c.id, 'manual.close', jsonb_build_object('reason', c.closed_reason), c.closed_at, c.closed_at, c.closed_at,
       CASE WHEN l.r_close < 0.25 THEN 'job_search' ELSE 'training' END::case_status, 'closed', c.closed_reason
FROM cases c JOIN life l ON l.case_id = c.id WHERE c.closed_reason IN ('dropped_out', 'other');

DROP TABLE plan; DROP TABLE life;
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM cases) cases, (SELECT count(*) FROM case_events) events, (SELECT count(*) FROM placements) placements,
       (SELECT count(*) FROM follow_ups) follow_ups, (SELECT count(*) FROM enrollments) enrollments, (SELECT count(*) FROM internships) internships,
       (SELECT count(*) FROM interviews) interviews, (SELECT count(*) FROM proposals) proposals;
