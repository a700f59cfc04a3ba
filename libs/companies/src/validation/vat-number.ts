const VAT_NUMBER = /^\d{11}$/;

/**
 * The check digit of an Italian partita IVA from its first ten digits: the Luhn scheme, where the
 * digits in even positions (2nd, 4th, ...) are doubled and reduced by 9 when above 9.
 */
export function vatCheckDigit(firstTenDigits: string): number {
  let sum = 0;
  for (let index = 0; index < 10; index++) {
    const digit = Number(firstTenDigits[index]);
    if (index % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** An Italian partita IVA: eleven digits whose last is the check digit; all zeros is never issued. */
export function isValidVatNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !VAT_NUMBER.test(value) || /^0+$/.test(value)) return false;
  return vatCheckDigit(value.slice(0, 10)) === Number(value[10]);
}
