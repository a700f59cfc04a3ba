import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, In, type Repository } from 'typeorm';
import { CaseEventsService, CaseEventType, CasesService, CaseState } from '#app/cases';
import { type Actor, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { CourseEntity } from '../courses/course.entity.js';
import { TrainingException, TrainingExceptionCode } from '../training.exception.js';
import { EnrollmentStatus, SEAT_HOLDING_STATUSES } from './enrollment.constant.js';
import { EnrollmentEntity } from './enrollment.entity.js';
import type { CreateEnrollmentDto } from './dto/create-enrollment.dto.js';
import type { UpdateEnrollmentDto } from './dto/update-enrollment.dto.js';

@Injectable()
export class EnrollmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(EnrollmentEntity) private readonly enrollments: Repository<EnrollmentEntity>,
    private readonly cases: CasesService,
    private readonly events: CaseEventsService,
  ) {}

  /**
   * Takes a seat. The course row is locked before the seats are counted, so concurrent enrollments
   * into one course queue up and each counts the seats the previous ones took: never more than capacity.
   */
  async enroll(courseId: string, dto: CreateEnrollmentDto, actor: Actor): Promise<EnrollmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.cases.findVisibleOrFail(dto.caseId, actor, manager);
      if (found.status === CaseState.CLOSED) {
        throw new TrainingException(TrainingExceptionCode.CASE_CLOSED, 'The case is closed');
      }
      const course = await manager.findOne(CourseEntity, {
        where: { id: courseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!course) {
        throw new TrainingException(TrainingExceptionCode.COURSE_NOT_FOUND, `Course ${courseId} not found`);
      }
      if (
        await manager.existsBy(EnrollmentEntity, {
          courseId,
          caseId: dto.caseId,
          status: EnrollmentStatus.ACTIVE,
        })
      ) {
        throw new TrainingException(
          TrainingExceptionCode.ALREADY_ENROLLED,
          'The case is already enrolled in this course',
        );
      }
      const taken = await manager.countBy(EnrollmentEntity, {
        courseId,
        status: In(SEAT_HOLDING_STATUSES),
      });
      if (taken >= course.capacity) {
        throw new TrainingException(
          TrainingExceptionCode.COURSE_FULL,
          `The course is full (${course.capacity} seats)`,
          { capacity: course.capacity, enrolled: taken },
        );
      }
      const enrollment = await manager.save(
        manager.create(EnrollmentEntity, {
          courseId,
          caseId: dto.caseId,
          status: EnrollmentStatus.ACTIVE,
          enrolledAt: new Date(),
          createdById: actor.id,
        }),
      );
      await this.events.record(
        manager,
        dto.caseId,
        CaseEventType.ENROLLMENT_CREATED,
        { enrollmentId: enrollment.id, courseId },
        actor,
      );
      return enrollment;
    });
  }

  async listForCase(
    caseId: string,
    query: PaginationQueryDto,
    actor: Actor,
  ): Promise<Page<EnrollmentEntity>> {
    await this.cases.findVisibleOrFail(caseId, actor);
    const [items, total] = await this.enrollments.findAndCount({
      where: { caseId },
      order: { enrolledAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async findVisibleOrFail(id: string, actor: Actor): Promise<EnrollmentEntity> {
    const enrollment = await this.enrollments.findOneBy({ id });
    const notFound = new TrainingException(
      TrainingExceptionCode.ENROLLMENT_NOT_FOUND,
      `Enrollment ${id} not found`,
    );
    if (!enrollment) throw notFound;
    try {
      await this.cases.findVisibleOrFail(enrollment.caseId, actor);
    } catch {
      throw notFound;
    }
    return enrollment;
  }

  /**
   * Ends an active enrollment. Allowed on a closed case too, so that its seat can be given back.
   * The case row is locked before the other active enrollments are counted: two enrollments of one
   * case ending at once would otherwise each see the other still active, and the case would stay in
   * training with nothing left to attend.
   */
  async end(id: string, dto: UpdateEnrollmentDto, actor: Actor): Promise<EnrollmentEntity> {
    if (dto.qualification && dto.status !== EnrollmentStatus.COMPLETED) {
      throw new TrainingException(
        TrainingExceptionCode.QUALIFICATION_WITHOUT_COMPLETION,
        'A qualification is recorded only for a completed enrollment',
      );
    }
    const { caseId } = await this.findVisibleOrFail(id, actor);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const enrollment = await manager.findOneOrFail(EnrollmentEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (enrollment.status !== EnrollmentStatus.ACTIVE) {
        throw new TrainingException(
          TrainingExceptionCode.ALREADY_ENDED,
          `The enrollment already ended (${enrollment.status})`,
          { status: enrollment.status },
        );
      }
      enrollment.status = dto.status;
      enrollment.qualification = dto.qualification ?? null;
      enrollment.endedAt = new Date();
      const saved = await manager.save(enrollment);
      const otherActiveEnrollments = await manager.countBy(EnrollmentEntity, {
        caseId,
        status: EnrollmentStatus.ACTIVE,
      });
      await this.events.record(
        manager,
        caseId,
        CaseEventType.ENROLLMENT_ENDED,
        {
          enrollmentId: id,
          enrollmentStatus: dto.status,
          otherActiveEnrollments,
          qualification: saved.qualification,
        },
        actor,
      );
      return saved;
    });
  }
}
