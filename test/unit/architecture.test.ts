// Guards for two classes of bug the codebase has had: response shapes copied by hand into the client
// (instead of the contract in shared/api.ts and shared/board.ts), and role strings compared in client
// components (instead of asking the shared rule book in shared/policy.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const offending = (re: RegExp) =>
  sources('client').flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (re.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );

describe('client contract and rule book', () => {
  it('reads every API response through a type from shared/, never an inline object type', () => {
    expect(offending(/\b(get|post|put|patch|del)<\s*\{/)).toEqual([]);
  });
  it('never compares household roles itself; it asks shared/policy.ts', () => {
    expect(offending(/[=!]==?\s*'(regievoerder|partner|observer)'|'(regievoerder|partner|observer)'\s*[=!]==?/)).toEqual([]);
  });
});
