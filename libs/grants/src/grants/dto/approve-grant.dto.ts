import { IsMoney } from '#app/core';

export class ApproveGrantDto {
  @IsMoney({ description: 'Euros granted: at most the requested amount; committed against the funding line' })
  approvedAmount: number;
}
