export enum ProposalStatus {
  PROPOSED = 'proposed',
  INTERVIEWING = 'interviewing',
  HIRED = 'hired',
  REJECTED = 'rejected',
}

/** The statuses a company (or staff) may move a proposal to. */
export type DecidedProposalStatus = Exclude<ProposalStatus, ProposalStatus.PROPOSED>;

const MOVES: Record<ProposalStatus, readonly ProposalStatus[]> = {
  [ProposalStatus.PROPOSED]: [ProposalStatus.INTERVIEWING, ProposalStatus.HIRED, ProposalStatus.REJECTED],
  [ProposalStatus.INTERVIEWING]: [ProposalStatus.HIRED, ProposalStatus.REJECTED],
  [ProposalStatus.HIRED]: [],
  [ProposalStatus.REJECTED]: [],
};

/** Hired and rejected are final; nothing moves back to proposed or stays where it is. */
export function canMoveProposal(from: ProposalStatus, to: ProposalStatus): boolean {
  return MOVES[from].includes(to);
}
