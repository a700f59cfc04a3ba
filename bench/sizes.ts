/** How much each benchmark does. `default` fits the 10-minute budget on a 2-core machine. */
export interface BenchSize {
  name: SizeName;
  engine: {
    /** Cases seeded in the outbox; each gets the eight events of a journey. */
    cases: number;
    /** Interviews marked held through PATCH /api/interviews/:id, one event each. */
    httpEvents: number;
    /** BullMQ concurrency of the ceiling's processor and of the worker process. */
    concurrency: number;
    /** Rounds of ceiling then engine, alternating. */
    rounds: number;
  };
  api: {
    connections: number;
    /** Seconds of each autocannon pass and of each raw-query run. */
    seconds: number;
  };
  scale: {
    /** The data sets measured one after the other, smallest first; the last one's figures are the targets'. */
    caseCounts: number[];
    /** Interviews held per case: the main lever on the number of events (one event per interview). */
    interviewsPerCase: number;
    metricsSamples: number;
    reportSamples: number;
  };
  intake: { rows: number };
}

export type SizeName = 'tiny' | 'default' | 'full';

export const SIZES: Record<SizeName, BenchSize> = {
  tiny: {
    name: 'tiny',
    engine: { cases: 25, httpEvents: 40, concurrency: 10, rounds: 1 },
    api: { connections: 10, seconds: 1 },
    scale: { caseCounts: [1_000, 2_000], interviewsPerCase: 2, metricsSamples: 20, reportSamples: 2 },
    intake: { rows: 500 },
  },
  default: {
    name: 'default',
    engine: { cases: 2_500, httpEvents: 6_000, concurrency: 10, rounds: 3 },
    api: { connections: 10, seconds: 6 },
    scale: { caseCounts: [100_000, 1_000_000], interviewsPerCase: 4, metricsSamples: 200, reportSamples: 10 },
    intake: { rows: 100_000 },
  },
  full: {
    name: 'full',
    engine: { cases: 2_500, httpEvents: 6_000, concurrency: 10, rounds: 4 },
    api: { connections: 10, seconds: 8 },
    scale: { caseCounts: [100_000, 1_000_000], interviewsPerCase: 8, metricsSamples: 200, reportSamples: 10 },
    intake: { rows: 100_000 },
  },
};
