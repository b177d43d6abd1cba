// CSV for spreadsheets (RFC 4180, semicolon-separated as Dutch Excel expects, UTF-8 with a byte order mark).
// A cell a spreadsheet would run as a formula (OWASP "CSV injection": starting with = + - @, or a tab or
// carriage return some programs strip first) is defused with a leading apostrophe, so it shows as text.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";,\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
