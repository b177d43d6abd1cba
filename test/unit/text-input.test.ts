// Every request string goes through the one text primitive: NUL and lone surrogates are refused, any real
// Unicode text (accents, emoji as surrogate pairs, RTL) is kept. A guard keeps new schemas on it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditQuery, isWellFormedPath, text } from '../../shared/schemas.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('text primitive', () => {
  it('refuses NUL and lone surrogates, keeps real text', () => {
    for (const bad of ['a\u0000b', '\uD800', 'x\uDFFF', '\uDE00\uD83D']) expect(text().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    for (const good of ['', 'Gezin Çelik-Öztürk', 'Gezin 👪 Jansen', 'regel 1\nregel 2\tmet tab', 'שלום', '\u00a0']) {
      expect(text().safeParse(good).success, good).toBe(true);
    }
  });

  it('paths whose decoded parameters hold a NUL, a lone surrogate or a broken escape are refused', () => {
    for (const bad of ['/api/account/sessions/%00', '/api/documents/a%00b', '/api/households/%ED%A0%80', '/api/x/%E0%A4%A', '/api/x/%'])
      expect(isWellFormedPath(bad), bad).toBe(false);
    for (const good of ['/api/households/3f0c8a4e-1b2d-4c5e-8f90-123456789abc', '/api/documents/x%20y', '/api/me'])
      expect(isWellFormedPath(good), good).toBe(true);
  });

  it('query integers: digits within range only', () => {
    expect(AuditQuery.parse({})).toEqual({ limit: 100 });
    expect(AuditQuery.parse({ before: '42', limit: '500' })).toEqual({ before: 42, limit: 500 });
    for (const before of ['1e400', '99999999999999999', '-1', '0', '1.5', ' 1', '0x10', ''])
      expect(AuditQuery.safeParse({ before }).success, before).toBe(false);
    expect(AuditQuery.safeParse({ limit: '501' }).success).toBe(false);
  });

  it('request schemas (shared/, server/) use text() for free strings, never a bare z.string()', () => {
    const offenders: string[] = [];
    for (const file of [...files('shared'), ...files('server')]) {
      if (file.endsWith('config.ts')) continue; // environment, not requests
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.includes('export const text = () => z.string()')) return;
          // Format-checked strings (uuid, date, time, pattern) cannot hold NUL or lone surrogates.
          if (/z\.string\(\)(?!\.(uuid|regex|datetime)\()/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
