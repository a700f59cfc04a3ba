import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.org', maxLength: 254 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  /** Bounded so a huge body cannot buy a long hash computation. */
  @ApiProperty({ maxLength: 256, writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}
