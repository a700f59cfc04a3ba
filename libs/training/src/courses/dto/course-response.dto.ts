import { ApiProperty } from '@nestjs/swagger';
import type { CourseEntity } from '../course.entity.js';

export class CourseResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  provider: string;

  @ApiProperty()
  hours: number;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  endsOn: string;

  @ApiProperty()
  capacity: number;

  @ApiProperty({ description: 'Seats taken: active and completed enrollments' })
  enrolled: number;

  @ApiProperty()
  seatsLeft: number;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(entity: CourseEntity, enrolled: number): CourseResponseDto {
    return {
      id: entity.id,
      title: entity.title,
      provider: entity.provider,
      hours: entity.hours,
      startsOn: entity.startsOn,
      endsOn: entity.endsOn,
      capacity: entity.capacity,
      enrolled,
      seatsLeft: Math.max(0, entity.capacity - enrolled),
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
