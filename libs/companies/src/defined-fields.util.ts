/**
 * The fields a PATCH body really carries. DTO instances declare every property (class fields are
 * defined as undefined), and an undefined must never reach an UPDATE as "set to null".
 */
export function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
