import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { type Actor, type Page, type PaginationQueryDto, toPage } from '#app/core';
import { CourseEntity } from './course.entity.js';
import { EnrollmentEntity } from '../enrollments/enrollment.entity.js';
import { SEAT_HOLDING_STATUSES } from '../enrollments/enrollment.constant.js';
import { TrainingException, TrainingExceptionCode } from '../training.exception.js';
import type { CreateCourseDto } from './dto/create-course.dto.js';

export interface CourseWithSeats {
  course: CourseEntity;
  enrolled: number;
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>,
    @InjectRepository(EnrollmentEntity) private readonly enrollments: Repository<EnrollmentEntity>,
  ) {}

  async create(dto: CreateCourseDto, actor: Actor): Promise<CourseWithSeats> {
    if (dto.endsOn < dto.startsOn) {
      throw new TrainingException(
        TrainingExceptionCode.COURSE_DATES_OUT_OF_ORDER,
        'endsOn must be on or after startsOn',
        { startsOn: dto.startsOn, endsOn: dto.endsOn },
      );
    }
    const course = await this.courses.save(this.courses.create({ ...dto, createdById: actor.id }));
    return { course, enrolled: 0 };
  }

  async list(query: PaginationQueryDto): Promise<Page<CourseWithSeats>> {
    const [courses, total] = await this.courses.findAndCount({
      order: { startsOn: 'DESC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    const seats = await this.seatsTaken(courses.map((course) => course.id));
    return toPage(
      courses.map((course) => ({ course, enrolled: seats.get(course.id) ?? 0 })),
      total,
      query,
    );
  }

  async findOrFail(id: string): Promise<CourseWithSeats> {
    const course = await this.courses.findOneBy({ id });
    if (!course)
      throw new TrainingException(TrainingExceptionCode.COURSE_NOT_FOUND, `Course ${id} not found`);
    const seats = await this.seatsTaken([id]);
    return { course, enrolled: seats.get(id) ?? 0 };
  }

  private async seatsTaken(courseIds: string[]): Promise<Map<string, number>> {
    if (courseIds.length === 0) return new Map();
    const rows = await this.enrollments
      .createQueryBuilder('e')
      .select('e.courseId', 'courseId')
      .addSelect('count(*)::int', 'taken')
      .where({ courseId: In(courseIds), status: In(SEAT_HOLDING_STATUSES) })
      .groupBy('e.courseId')
      .getRawMany<{ courseId: string; taken: number }>();
    return new Map(rows.map((row) => [row.courseId, row.taken]));
  }
}
