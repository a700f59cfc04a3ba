import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class UpdateReminderDto {
  @ApiProperty({ description: 'true marks the reminder read (keeping the first reading time); false unread' })
  @IsBoolean()
  read: boolean;
}
