/** `npm run bench`: the benchmark harness arrives with the performance work. */
console.log('bench: not yet available in this version');
