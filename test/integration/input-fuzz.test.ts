// Every JSON route answers bad input with a 4xx and { error: { code, message } }, never a 500: NUL characters and
// lone surrogates in any text field, huge or odd numbers, wrong types, junk in query values and path ids.
// The route table below must cover every /api route the app has (a new route without an entry fails here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TEST_PASSWORD } from '../support/client.ts';
import { householdWithCast, unique } from '../support/factories.ts';
import { addToAgenda, planVia } from '../support/casusoverleg.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Who = 'regie' | 'admin' | 'anonymous';
interface RouteCase {
  as: Who;
  /** A valid body: the fuzzer poisons its leaves, replaces them with junk, or sends junk instead. */
  body?: () => Record<string, unknown>;
  /** Query parameters the route reads, with a valid value each. */
  query?: Record<string, () => string>;
  /** Not fuzzed, with the reason. */
  skip?: string;
}

let server: TestServer;
let cast: Awaited<ReturnType<typeof householdWithCast>>;
let ids: Record<string, string>;

const uuid = () => crypto.randomUUID();
/** The shape @simplewebauthn/browser sends; its content is checked by the server library, not the schema. */
const webauthnSample = () => ({
  id: 'Y3JlZA',
  rawId: 'Y3JlZA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
});

// Keyed "METHOD /path" exactly as the app registers it.
const routes: Record<string, RouteCase> = {
  'GET /api/health': { as: 'anonymous' },
  'GET /api/ready': { as: 'anonymous' },
  'POST /api/auth/login': { as: 'anonymous', body: () => ({ email: cast.users.partner.email, password: TEST_PASSWORD + 'x' }) },
  'POST /api/auth/logout': { as: 'regie', skip: 'reads no input and would end the session the other cases use' },
  'GET /api/me': { as: 'regie' },
  // Identity: the sign-in steps need a pending sign-in (anonymous here: validation, then 401).
  'GET /api/auth/login/pending': { as: 'anonymous' },
  'POST /api/auth/login/cancel': { as: 'anonymous' },
  'POST /api/auth/login/totp': { as: 'anonymous', body: () => ({ code: '123456' }) },
  'POST /api/auth/login/recovery': { as: 'anonymous', body: () => ({ code: 'abcde-12345' }) },
  'POST /api/auth/login/passkey/options': { as: 'anonymous' },
  'POST /api/auth/login/passkey': { as: 'anonymous', body: () => ({ response: webauthnSample() }) },
  'POST /api/auth/login/enrol/totp': { as: 'anonymous' },
  'POST /api/auth/login/enrol/totp/confirm': { as: 'anonymous', body: () => ({ code: '123456' }) },
  'POST /api/auth/login/enrol/passkey/options': { as: 'anonymous' },
  'POST /api/auth/login/enrol/passkey': { as: 'anonymous', body: () => ({ response: webauthnSample(), name: 'Sleutel' }) },
  'POST /api/auth/passkey/options': { as: 'anonymous' },
  'POST /api/auth/passkey': { as: 'anonymous', body: () => ({ response: webauthnSample() }) },
  'GET /api/auth/oidc/providers': { as: 'anonymous' },
  'GET /api/auth/oidc/:organizationId/start': { as: 'anonymous', query: { terug: () => '/overzicht' } },
  'GET /api/auth/oidc/callback': { as: 'anonymous', query: { state: () => 'abc', code: () => 'def' } },
  'GET /api/account': { as: 'regie' },
  'DELETE /api/account/sessions/:id': { as: 'regie' },
  'POST /api/account/sessions/end-others': { as: 'regie' },
  'POST /api/account/password': { as: 'regie', body: () => ({ currentPassword: 'niet-het-wachtwoord', newPassword: 'een-lang-nieuw-wachtwoord-42' }) },
  'POST /api/account/notice/dismiss': { as: 'regie' },
  'POST /api/account/recovery-codes': { as: 'regie' },
  'DELETE /api/account/totp': { as: 'regie' },
  'DELETE /api/account/passkeys/:id': { as: 'regie' },
  'POST /api/account/factor/totp': { as: 'regie', body: () => ({ code: '123456' }) },
  'POST /api/account/factor/recovery': { as: 'regie', body: () => ({ code: 'abcde-12345' }) },
  'POST /api/account/factor/passkey/options': { as: 'regie' },
  'POST /api/account/factor/passkey': { as: 'regie', body: () => ({ response: webauthnSample() }) },
  'POST /api/account/factor/enrol/totp': { as: 'regie' },
  'POST /api/account/factor/enrol/totp/confirm': { as: 'regie', body: () => ({ code: '123456' }) },
  'POST /api/account/factor/enrol/passkey/options': { as: 'regie' },
  'POST /api/account/factor/enrol/passkey': { as: 'regie', body: () => ({ response: webauthnSample(), name: 'Sleutel' }) },
  'GET /api/organizations/:id/security': { as: 'admin' },
  'PATCH /api/organizations/:id/security': {
    as: 'admin',
    body: () => ({
      twoFactorRequired: false,
      oidc: { issuer: 'https://idp.example.nl', clientId: 'casustafel', clientSecret: 'geheim', emailClaim: 'email', jit: false, trustMfa: false },
    }),
  },
  'POST /api/users/:id/reset-second-factor': { as: 'admin' },
  'GET /api/organizations': { as: 'admin' },
  'POST /api/organizations': { as: 'admin', body: () => ({ name: unique('Org'), kind: 'politie' }) },
  'GET /api/users': { as: 'admin' },
  'PATCH /api/users/:id': { as: 'admin', body: () => ({ disabled: false }) },
  'POST /api/users': {
    as: 'admin',
    body: () => ({
      email: `${unique('fuzz')}@example.test`,
      name: 'Fuzz Gebruiker',
      organizationId: cast.users.partner.organizationId,
      password: 'lang-genoeg-wachtwoord',
      admin: false,
    }),
  },
  'GET /api/households': { as: 'regie', query: { scope: () => 'mine' } },
  'POST /api/households': {
    as: 'admin',
    body: () => ({
      reference: unique('FZ').toUpperCase().slice(0, 30),
      displayName: 'Gezin Fuzz',
      profile: 'gezin_in_de_stress',
      package: 2,
      hasChildren: true,
      phase: 'directe_veiligheid',
      huisverbodStart: '2026-01-05',
      regievoerderId: cast.users.regie.id,
      grondslag: 'huisverbod_wth',
      grondslagNote: 'notitie',
      referringOrganizationId: cast.users.partner.organizationId,
      persons: [{ role: 'kind', label: 'K.', birthYear: 2015, notes: 'notitie' }],
    }),
  },
  'GET /api/households/:id': { as: 'regie' },
  'PATCH /api/households/:id': { as: 'regie', body: () => ({ displayName: 'Gezin Anders', hasChildren: true, huisverbodStart: '2026-01-05', profile: null }) },
  'PUT /api/households/:id/grondslag': {
    as: 'regie',
    body: () => ({
      grondslag: 'melding_veilig_thuis',
      grondslagNote: 'melding',
      referringOrganizationId: cast.users.partner.organizationId,
      reason: 'Nieuwe melding',
    }),
  },
  'POST /api/households/:id/phase': { as: 'regie', body: () => ({ phase: 'stabiele_veiligheid', reason: 'Het gaat beter' }) },
  'POST /api/households/:id/huisverbod/extension': { as: 'regie', body: () => ({ extendedUntil: '2026-01-25', decidedBy: 'Burgemeester' }) },
  'POST /api/households/:id/huisverbod/decision': {
    as: 'regie',
    body: () => ({ decision: 'verlengd', decidedOn: '2026-01-06', extendedUntil: '2026-01-25', note: 'Advies gevolgd' }),
  },
  'POST /api/households/:id/persons': { as: 'regie', body: () => ({ role: 'netwerk', label: 'Oma', birthYear: 1950, notes: 'steunend' }) },
  'PUT /api/households/:id/persons/:personId': { as: 'regie', body: () => ({ role: 'slachtoffer', label: 'S.', notes: 'bijgewerkt' }) },
  'POST /api/households/:id/participants': { as: 'regie', body: () => ({ userId: cast.users.observer.id, role: 'observer', reason: 'Meekijken op verzoek' }) },
  'PUT /api/households/:id/participants/:userId/level': { as: 'regie', body: () => ({ level: 'afspraken', reason: 'Alleen de afspraken nodig' }) },
  'GET /api/households/:id/statement': { as: 'regie' },
  'POST /api/households/:id/statement': { as: 'regie' },
  'DELETE /api/households/:id/participants/:userId': { as: 'regie', body: () => ({ reason: 'Niet meer betrokken' }) },
  'GET /api/households/:id/audit': {
    as: 'regie',
    query: {
      before: () => '9999999',
      limit: () => '50',
      kind: () => 'view',
      personId: () => ids.person!,
      organizationId: () => cast.users.partner.organizationId,
      userId: () => cast.users.partner.id,
    },
  },
  'GET /api/households/:id/audit.csv': {
    as: 'regie',
    query: { kind: () => 'change', personId: () => ids.person!, organizationId: () => cast.users.regie.organizationId, userId: () => cast.users.regie.id },
  },
  'GET /api/households/:id/audit.pdf': {
    as: 'regie',
    query: { kind: () => 'export', personId: () => ids.person!, organizationId: () => cast.users.regie.organizationId, userId: () => cast.users.regie.id },
  },
  'GET /api/households/:id/persons/:personId/inzage.pdf': { as: 'regie' },
  'POST /api/households/:id/meetings': { as: 'regie', body: () => ({ title: 'Casusoverleg', meetingAt: '2026-02-01T10:00:00+01:00' }) },
  'GET /api/documents/:id': { as: 'regie' },
  'GET /api/documents/:id/content': { as: 'regie' },
  'GET /api/documents/:id/versions': { as: 'regie' },
  'POST /api/documents/:id/versions': { as: 'regie', body: () => ({ name: 'Versie fuzz' }) },
  'GET /api/documents/:id/versions/:versionId': { as: 'regie' },
  'POST /api/documents/:id/versions/:versionId/restore': { as: 'regie' },
  'GET /api/households/:id/actions': { as: 'regie', query: { status: () => 'open,claimed' } },
  'POST /api/households/:id/actions': {
    as: 'regie',
    body: () => ({
      title: 'Actie fuzz',
      details: 'details',
      ownerOrganizationId: null,
      dueDate: '2026-03-01',
      personId: null,
      sourceDocumentId: null,
      assignedUserId: null,
    }),
  },
  'GET /api/actions/:id': { as: 'regie' },
  'GET /api/actions/:id/history': { as: 'regie' },
  'PATCH /api/actions/:id': { as: 'regie', body: () => ({ title: 'Actie gewijzigd', details: 'meer', version: 1 }) },
  'POST /api/actions/:id/claim': { as: 'regie' },
  'POST /api/actions/:id/release': { as: 'regie' },
  'POST /api/actions/:id/complete': { as: 'regie', body: () => ({ note: 'klaar' }) },
  'POST /api/actions/:id/reopen': { as: 'regie' },
  'POST /api/actions/:id/cancel': { as: 'regie' },
  'GET /api/households/:id/evaluation': { as: 'regie', query: { documentId: () => ids.meeting! } },
  'PUT /api/documents/:documentId/evaluations': {
    as: 'regie',
    body: () => ({ actionId: ids.action, verdict: 'niet_gelukt', reason: 'niet_uitgevoerd_door_partner', note: 'bezig', version: 0 }),
  },
  'GET /api/households/:id/events': { as: 'regie', query: { lastEventId: () => '0', meldingen: () => '1' } },
  'GET /api/me/events': { as: 'regie', query: { meldingen: () => '1', acties: () => '1' } },
  'GET /api/my-actions': { as: 'regie' },
  'GET /api/notifications': { as: 'regie', query: { limit: () => '20', before: () => `${new Date().toISOString()}_${uuid()}` } },
  'GET /api/notifications/unread': { as: 'regie' },
  'POST /api/notifications/read-all': { as: 'regie' },
  'POST /api/notifications/:id/read': { as: 'regie' },
  'GET /api/account/email-notifications': { as: 'regie' },
  'PUT /api/account/email-notifications': { as: 'regie', body: () => ({ preference: 'daily' }) },
  'GET /api/overview': { as: 'regie', query: { weeks: () => '6' } },
  'GET /api/documents/:id/attendance': { as: 'regie' },
  'PUT /api/documents/:id/attendance': { as: 'regie', body: () => ({ userId: cast.users.partner.id, present: true }) },
  // After the cases that write to the minutes (it locks them), before reopen (which unlocks them).
  'POST /api/documents/:id/establish': { as: 'regie', body: () => ({ name: 'Vastgesteld verslag' }) },
  'POST /api/documents/:id/reopen': { as: 'regie', body: () => ({ reason: 'Nog een aanvulling' }) },
  'GET /api/documents/:id/export': { as: 'regie', query: { versionId: () => '' } },
  'GET /api/documents/:id/export.pdf': { as: 'regie', query: { versionId: () => '' } },
  'POST /api/documents/readable': { as: 'regie', body: () => ({ ids: [ids.plan, uuid()] }) },
  'GET /api/casusoverleggen': { as: 'regie' },
  'GET /api/casusoverleggen/planning': { as: 'regie' },
  'POST /api/casusoverleggen': {
    as: 'regie',
    body: () => ({
      title: 'Casusoverleg Zuid',
      startsAt: '2026-02-03T09:30:00+01:00',
      place: 'Zaal 2',
      onlineLink: 'https://overleg.example.nl/zuid',
      chairId: cast.users.regie.id,
    }),
  },
  'GET /api/casusoverleggen/:id': { as: 'regie' },
  'PATCH /api/casusoverleggen/:id': {
    as: 'regie',
    body: () => ({ title: 'Casusoverleg Noord', startsAt: '2026-02-03T10:00:00+01:00', place: 'Zaal 3', onlineLink: '', chairId: cast.users.regie.id }),
  },
  'POST /api/casusoverleggen/:id/agenda': {
    as: 'regie',
    body: () => ({ householdId: cast.household.id, slotStart: '2026-02-03T10:00:00+01:00', slotMinutes: 20 }),
  },
  'PATCH /api/casusoverleggen/:id/agenda/:itemId': { as: 'regie', body: () => ({ slotStart: '2026-02-03T10:20:00+01:00', slotMinutes: 25 }) },
  'PUT /api/casusoverleggen/:id/agenda/order': { as: 'regie', body: () => ({ itemIds: [ids.agendaItem] }) },
  'POST /api/casusoverleggen/:id/current': { as: 'regie', body: () => ({ itemId: ids.agendaItem }) },
  'GET /api/casusoverleggen/:id/vergadering': { as: 'regie' },
  'GET /api/casusoverleggen/:id/overzicht': { as: 'regie' },
  'GET /api/casusoverleggen/:id/events': { as: 'regie' },
  // After the cases that need the item and the open meeting.
  'DELETE /api/casusoverleggen/:id/agenda/:itemId': { as: 'regie' },
  'POST /api/casusoverleggen/:id/close': { as: 'regie' },
  'GET /api/admin/destruction-list': { as: 'admin' },
  'GET /api/admin/statement': { as: 'admin' },
  'PUT /api/admin/statement': {
    as: 'admin',
    // Without `reconfirm` (it would reset every confirmation in the database other test files share).
    body: () => ({ text: 'Ik houd alles wat ik in deze casus lees en hoor geheim, ook na afloop van mijn deelname.' }),
  },
  'POST /api/admin/destruction-list/:householdId/confirm': { as: 'admin' },
  // Last: closing makes the household read-only for the cases after it.
  'POST /api/households/:id/close': { as: 'regie', body: () => ({ reason: 'anders', note: 'Verhuisd naar het buitenland' }) },
  'POST /api/households/:id/reopen': { as: 'regie', body: () => ({ reason: 'Nieuwe melding' }) },
};

/** Real ids for each path parameter, per route, so requests reach validation past the 404 of a missing row. */
function pathFor(route: string, override?: { param: string; value: string }) {
  const [, path] = route.split(' ');
  return path!.replace(/:(\w+)/g, (_, name: string) => {
    if (override?.param === name) return override.value;
    if (name === 'id') {
      if (path!.startsWith('/api/households')) return ids.household!;
      if (path!.startsWith('/api/casusoverleggen')) return ids.casusoverleg!;
      if (path!.startsWith('/api/actions')) return ids.action!;
      if (path!.startsWith('/api/notifications')) return ids.notification!;
      if (/meetings|attendance|establish|reopen|evaluations/.test(path!)) return ids.meeting!;
      return ids.plan!;
    }
    if (name === 'documentId') return ids.meeting!;
    if (name === 'householdId') return ids.household!;
    if (name === 'personId') return ids.person!;
    if (name === 'userId') return cast.users.observer.id;
    if (name === 'versionId') return ids.version!;
    if (name === 'itemId') return ids.agendaItem!;
    if (name === 'organizationId') return cast.users.partner.organizationId;
    throw new Error(`no id for :${name} in ${route}`);
  });
}

interface Sent {
  status: number;
  body: any;
  contentType: string;
}

async function send(who: Who, method: string, path: string, body?: string): Promise<Sent> {
  const headers: Record<string, string> = {};
  const client = who === 'anonymous' ? null : cast.api[who];
  if (client?.cookie) headers.cookie = client.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A redirect (the OIDC start) is the route's own answer: judge it, do not follow it to the single-page app.
  const res = await fetch(server.url + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const contentType = res.headers.get('content-type') ?? '';
  // Event streams and PDFs: the status is what counts; never wait for a stream to end.
  if (!contentType.includes('json')) {
    await res.body?.cancel();
    return { status: res.status, body: null, contentType };
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* checked below */
  }
  return { status: res.status, body: parsed, contentType };
}

function expectSane(res: Sent, what: string) {
  expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(typeof res.body?.error?.code, `${what}: error code`).toBe('string');
    expect(typeof res.body?.error?.message, `${what}: error message`).toBe('string');
  }
}

// --- generators -------------------------------------------------------------------------------------------
const poisonChars = ['\u0000', '\uD800', '\uDFFF', '\uDC00\uD800'];
const nastyString = fc.oneof(
  fc.constantFrom(...poisonChars, 'a\u0000b', 'x\uD83D', '\uDE00y', '', ' ', '\u202E', 'null', '1e400', '-1', '9'.repeat(400)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...poisonChars), fc.string({ maxLength: 10 })).map(([a, p, b]) => a + p + b),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63), 0.5, 1e-300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { a: '\u0000' }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
/** JSON text with values JSON.stringify cannot write (1e400 → Infinity, -0) or that is not JSON at all. */
const rawBodies = fc.constantFrom('{"version":1e400,"birthYear":-1e400}', '{"a":1', '"\\u0000"', '[]', 'null', '123', '{"__proto__":{"x":1}}', '\u0000');

function mutate(sample: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(sample);
  return fc
    .record({
      replace: fc.subarray(keys),
      values: fc.array(nastyValue, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.option(fc.tuple(fc.string({ maxLength: 8 }), nastyValue), { nil: undefined }),
    })
    .map(({ replace, values, extra }) => {
      const out: Record<string, unknown> = { ...sample };
      replace.forEach((k) => (out[k] = values[keys.indexOf(k)]));
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}

/** Every path to a string leaf of a sample ([['persons', 0, 'label'], ['title']], …). */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}
function withLeaf(sample: Record<string, unknown>, path: (string | number)[], fn: (s: string) => string) {
  const copy = structuredClone(sample);
  let node: any = copy;
  for (const p of path.slice(0, -1)) node = node[p];
  node[path.at(-1)!] = fn(node[path.at(-1)!]);
  return copy;
}

/** Lone surrogates → U+FFFD, so encodeURIComponent can encode the rest (raw escapes cover the bad bytes). */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

beforeAll(async () => {
  server = await startTestServer();
  cast = await householdWithCast(server.database.db, server.url);
  const h = cast.household.id;
  const regie = cast.api.regie;
  const meeting = await regie.post(`/api/households/${h}/meetings`, { title: 'Casusoverleg', meetingAt: '2026-02-01T10:00:00+01:00' });
  const detail = await regie.get(`/api/households/${h}`);
  const action = await regie.post(`/api/households/${h}/actions`, { title: 'Actie voor fuzz' });
  const plan = detail.body.household.documents.find((d: { kind: string }) => d.kind === 'plan');
  const version = await regie.post(`/api/documents/${plan.id}/versions`, { name: 'Versie 1' });
  const casusoverleg = await addToAgenda(regie, (await planVia(regie)).id, h);
  await cast.api.partner.post(`/api/households/${h}/actions`, { title: 'Melding voor de regie', ownerOrganizationId: cast.users.regie.organizationId });
  const notification = (await regie.get('/api/notifications')).body.notifications[0];
  ids = {
    household: h,
    meeting: meeting.body.document.id,
    plan: plan.id,
    action: action.body.action.id,
    person: detail.body.household.persons[0].id,
    version: version.body.version.id,
    casusoverleg: casusoverleg.id,
    agendaItem: casusoverleg.items[0]!.id,
    notification: notification?.id,
  };
  for (const [k, v] of Object.entries(ids)) if (!v) throw new Error(`fixture ${k} missing`);
});
afterAll(() => server?.close());

describe('input: never a 500 on bad input', () => {
  it('the route table covers every /api route', () => {
    const registered = new Set(
      server.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/*').map((r) => `${r.method} ${r.path}`),
    );
    expect([...registered].filter((r) => !(r in routes))).toEqual([]);
    expect(Object.keys(routes).filter((r) => !registered.has(r))).toEqual([]);
  });

  it('a NUL or a lone surrogate in any text field of any body is 400 VALIDATION_FAILED', async () => {
    for (const [route, c] of Object.entries(routes)) {
      if (!c.body || c.skip) continue;
      const [method] = route.split(' ');
      for (const [i, leaf] of stringLeaves(c.body()).entries()) {
        // NUL, and a lone high or low surrogate half (alternating, to keep the run short).
        for (const poison of ['\u0000', i % 2 ? '\uDFFF' : '\uD800']) {
          const body = withLeaf(c.body(), leaf, (s) => s.slice(0, 3) + poison + s.slice(3));
          const res = await send(c.as, method!, pathFor(route), JSON.stringify(body));
          const what = `${route} ${leaf.join('.')} with U+${poison.charCodeAt(0).toString(16).padStart(4, '0')}`;
          expectSane(res, what);
          expect(res.status, what).toBe(400);
          expect(res.body.error.code, what).toBe('VALIDATION_FAILED');
        }
      }
    }
  });

  it('huge, negative or odd query values are 400 (or ignored), never 500', async () => {
    const audit = pathFor('GET /api/households/:id/audit');
    for (const before of ['1e400', '99999999999999999999999', '-5', '1.5', 'abc', '%00']) {
      const res = await send('regie', 'GET', `${audit}?before=${before}`);
      expectSane(res, `audit ?before=${before}`);
      expect(res.status, `audit ?before=${before}`).toBe(400);
    }
    expect((await send('regie', 'GET', `${audit}?before=12&limit=20`)).status).toBe(200);
  });

  it('fuzzed bodies, query values and path ids on every route answer < 500 with the error shape', async () => {
    for (const [route, c] of Object.entries(routes)) {
      if (c.skip) continue;
      const [method] = route.split(' ');
      const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const queryKeys = Object.keys(c.query ?? {});
      const bodyArb = c.body
        ? fc.oneof(
            { weight: 5, arbitrary: mutate(c.body()).map((b) => JSON.stringify(b)) },
            { weight: 1, arbitrary: nastyValue.map((v) => JSON.stringify(v) ?? 'null') },
            { weight: 1, arbitrary: rawBodies },
          )
        : fc.constant(undefined);
      // Query values: nasty text (percent-encoded), or raw escapes that do not decode to well-formed text.
      const queryValue = fc.oneof(
        nastyString.map((v) => encodeURIComponent(wellFormed(v))),
        fc.constantFrom('%00', '%ED%A0%80', '%FF', '%', '1e400', '-0', '0x1F', '+5', '1%2C2'),
      );
      const queryArb = fc.record(Object.fromEntries(queryKeys.map((k) => [k, fc.option(queryValue, { nil: undefined })])));
      const paramArb = params.length
        ? fc.option(fc.record({ param: fc.constantFrom(...params), value: fc.oneof(nastyString, fc.constant(uuid())) }), { nil: undefined })
        : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(bodyArb, queryArb, paramArb, async (body, query, param) => {
          const encodedParam = param && { param: param.param, value: encodeURIComponent(wellFormed(param.value)) || 'x' };
          const qs = Object.entries(query)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
          const path = pathFor(route, encodedParam) + (qs ? `?${qs}` : '');
          const res = await send(c.as, method!, path, method === 'GET' ? undefined : body);
          expectSane(res, `${method} ${path} ${body ?? ''}`);
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      );
    }
  });
});
