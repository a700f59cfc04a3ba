import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, Max, Min } from 'class-validator';
import { IsIsoDate, IsText } from '#app/core';

export class CreateCourseDto {
  @IsText(200, { example: 'Forklift operator licence' })
  @IsNotEmpty()
  title: string;

  @IsText(200, { example: 'Fondazione Aldini Valeriani' })
  @IsNotEmpty()
  provider: string;

  @ApiProperty({ minimum: 1, maximum: 5000, example: 40, description: 'Teaching hours' })
  @IsInt()
  @Min(1)
  @Max(5000)
  hours: number;

  @IsIsoDate()
  startsOn: string;

  @IsIsoDate({ description: 'Last day of the course, on or after startsOn' })
  endsOn: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 12, description: 'Seats' })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;
}
