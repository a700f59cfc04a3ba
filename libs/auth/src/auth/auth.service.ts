import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '#app/core';
import { UserResponseDto } from '../users/dto/user-response.dto.js';
import { UsersService } from '../users/users.service.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import type { LoginDto } from './dto/login.dto.js';
import type { LoginResponseDto } from './dto/login-response.dto.js';
import type { TokenPayload } from './token-payload.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** One message for unknown email, wrong password and disabled account: none of them may be told apart. */
  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.verifyCredentials(dto.email, dto.password);
    if (!user) throw new AuthException(AuthExceptionCode.INVALID_CREDENTIALS, 'Invalid email or password');
    const payload: TokenPayload = { sub: user.id, role: user.role, companyId: user.companyId };
    return {
      accessToken: await this.jwt.signAsync(payload),
      expiresIn: this.config.values.JWT_EXPIRES_IN_SECONDS,
      user: UserResponseDto.from(user),
    };
  }
}
