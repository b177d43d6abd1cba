// Error text and log fields lose values: query parameters, constraint details, quoted input, personal keys.
import { describe, expect, it } from 'vitest';
import { redactErrorText, safeError, safeLogFields } from '../../server/log-safety.ts';

describe('log safety', () => {
  it('redacts a failed query’s parameters up to the stack, constraint details and quoted input', () => {
    const failed = 'Error: Failed query: insert into "users" ("email") values ($1)\nparams: jan@x.nl,Jan\nJansen\n    at f (x.ts:1:1)';
    expect(redactErrorText(failed)).toBe('Error: Failed query: insert into "users" ("email") values ($1)\nparams: [redacted]\n    at f (x.ts:1:1)');
    expect(redactErrorText('Key (email)=(jan@x.nl) already exists.')).toBe('Key (email)=([redacted]) already exists.');
    expect(redactErrorText('invalid input syntax for type uuid: "Jan Jansen"')).toBe('invalid input syntax for type uuid: [redacted]');
  });

  it('an error becomes type, code, SQL text, constraint and frames; its cause likewise', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      code: '23505',
      detail: 'Key (email)=(jan@x.nl) already exists.',
      constraint_name: 'users_email_unique',
    });
    const err = Object.assign(new Error('Failed query: insert into users values ($1)\nparams: jan@x.nl'), {
      query: 'insert into users values ($1)',
      params: ['jan@x.nl'],
      cause,
    });
    const safe = JSON.stringify(safeError(err));
    expect(safe).not.toContain('jan@x.nl');
    expect(safe).toContain('insert into users values ($1)');
    expect(safe).toContain('users_email_unique');
    expect(safe).toContain('23505');
  });

  it('personal-data keys and byte arrays never reach a line', () => {
    expect(safeLogFields({ documentId: 'd1', email: 'a@b.nl', update: new Uint8Array([1]), bytes: new Uint8Array([1, 2]) })).toEqual({
      documentId: 'd1',
      email: '[redacted]',
      update: '[redacted]',
      bytes: '[2 bytes]',
    });
  });
});
