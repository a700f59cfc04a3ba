const TOKEN = /^[!#$%&'*+.^_`|~\w-]+$/;

/**
 * The Content-Disposition of a download named `filename`, as Express's `res.attachment()` wrote it:
 * a bare token when the name is one (every name the API gives: ids, dates, report keys), quoted
 * otherwise. The API never names a file outside ASCII, so no `filename*` form is needed.
 */
export function attachment(filename: string): string {
  return TOKEN.test(filename)
    ? `attachment; filename=${filename}`
    : `attachment; filename="${filename.replace(/[\\"]/g, '\\$&')}"`;
}
