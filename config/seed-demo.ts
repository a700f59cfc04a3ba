/** `npm run seed:demo`: the realistic demo data set arrives with the reports work. */
console.log('seed:demo: not yet available in this version');
