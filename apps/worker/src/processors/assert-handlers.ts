/** Fails the worker's start when a job name has no handler or a handler has no job name. */
export function assertHandlers(queue: string, jobNames: readonly string[], handlers: object): void {
  const handled = Object.keys(handlers);
  const missing = jobNames.filter((name) => !handled.includes(name));
  const unknown = handled.filter((name) => !jobNames.includes(name));
  if (missing.length || unknown.length) {
    throw new Error(
      `Queue ${queue}: jobs without handler [${missing.join(', ')}], handlers without job [${unknown.join(', ')}]`,
    );
  }
}
