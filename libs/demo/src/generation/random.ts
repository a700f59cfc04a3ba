import { base, en, Faker, it } from '@faker-js/faker';

/**
 * Every random draw of the demo goes through one seeded Faker instance (Italian locale), so a seed
 * gives the same data set every time. An instance of our own, not the shared `fakerIT`, so seeding it
 * changes nothing for anyone else in the process.
 */
export class DemoRandom {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [it, en, base] });
    this.faker.seed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.faker.number.float({ min: 0, max: 1 });
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A value drawn with the given relative weights. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** A normally distributed value (Box-Muller). */
  normal(mean: number, deviation: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  uuid(): string {
    return this.faker.string.uuid();
  }

  digits(length: number): string {
    return this.faker.string.numeric({ length, allowLeadingZeros: true });
  }
}
