import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '#app/cases';
import { CourseEntity } from './courses/course.entity.js';
import { CoursesController } from './courses/courses.controller.js';
import { CoursesService } from './courses/courses.service.js';
import { EnrollmentEntity } from './enrollments/enrollment.entity.js';
import { EnrollmentsController } from './enrollments/enrollments.controller.js';
import { EnrollmentsService } from './enrollments/enrollments.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CourseEntity, EnrollmentEntity]), CasesModule],
  controllers: [CoursesController, EnrollmentsController],
  providers: [CoursesService, EnrollmentsService],
  exports: [CoursesService, EnrollmentsService],
})
export class TrainingModule {}
