// The login throttle holds under concurrency: the attempt is reserved before the argon2 verify, so a parallel
// burst gets only the account's free attempts, on one process and on two sharing Redis. Colleagues behind one
// address keep logging in, and X-Forwarded-For is believed only from a trusted proxy (TRUST_PROXY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { verifyPassword } from '../../server/auth/password.ts';
import { auditLog } from '../../server/db/schema.ts';
import { ApiClient, TEST_PASSWORD } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';
import { openTestDatabase, startTestServer, type TestServer } from '../support/server.ts';
import type { Database } from '../../server/db/client.ts';

/**
 * Counts the argon2 verifies a server really runs. `holdMs` makes each verify take longer, as on a loaded server:
 * the window in which "check first, count after" let a whole burst through.
 */
function countingVerifier() {
  const counter = {
    verifies: 0,
    holdMs: 0,
    async verify(hash: string, password: string) {
      counter.verifies++;
      const ok = await verifyPassword(hash, password);
      if (counter.holdMs) await new Promise((r) => setTimeout(r, counter.holdMs));
      return ok;
    },
  };
  return counter;
}

let nextAddress = Math.floor(Math.random() * 250);
/** A fresh client address per test (sent as X-Forwarded-For through the trusted loopback proxy). */
const freshAddress = () => `198.18.${Math.floor(Math.random() * 250)}.${(nextAddress++ % 250) + 1}`;

const login = (url: string, email: string, password: string, address: string) =>
  new ApiClient(url).post('/api/auth/login', { email, password }, { 'x-forwarded-for': address });

/** A parallel burst of wrong guesses: statuses seen and how long it took. */
async function burst(urls: string[], email: string, address: string, n = 200) {
  const started = Date.now();
  const responses = await Promise.all(Array.from({ length: n }, (_, i) => login(urls[i % urls.length]!, email, `fout-${i}`, address)));
  return { statuses: responses.map((r) => r.status), ms: Date.now() - started };
}

/**
 * Verifies the policy allows in `ms`: 5 free attempts, then one more after each wait of 2 s, 4 s, 8 s, …
 * (the waits add up to 2 s, 6 s, 14 s). A slow machine may see the first wait run out during the burst.
 */
const allowedVerifies = (ms: number) => {
  let n = 5;
  for (let k = 1; 2_000 * (2 ** k - 1) <= ms; k++) n++;
  return n;
};

// One database for the file (PGlite starts slowly); each describe starts its own servers on it.
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('login throttle on one process', () => {
  const counter = countingVerifier();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, config: { trustProxy: ['loopback'] }, verifyPassword: counter.verify });
  });
  afterAll(() => server?.close());

  it('a burst of 200 parallel wrong guesses for one account gets 5 password checks (one more per elapsed wait); the rest 429', async () => {
    const user = await createUser(database.db);
    counter.verifies = 0;
    counter.holdMs = 150;
    const { statuses, ms } = await burst([server.url], user.email, freshAddress()).finally(() => (counter.holdMs = 0));
    expect(counter.verifies).toBeLessThanOrEqual(allowedVerifies(ms));
    expect(statuses.filter((s) => s === 401)).toHaveLength(counter.verifies);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - counter.verifies);
  });

  it('a burst of 30 ending with the right password does not log in, and the right password then gets 429 + Retry-After', async () => {
    const user = await createUser(database.db);
    const address = freshAddress();
    counter.verifies = 0;
    counter.holdMs = 150;
    const wrong = Array.from({ length: 29 }, (_, i) => login(server.url, user.email, `fout-${i}`, address));
    // The right password goes out once the free attempts are being checked, before any of them has been judged.
    await expect.poll(() => counter.verifies, { timeout: 5_000, interval: 1 }).toBeGreaterThanOrEqual(5);
    const right = login(server.url, user.email, TEST_PASSWORD, address);
    const statuses = (await Promise.all([...wrong, right]).finally(() => (counter.holdMs = 0))).map((r) => r.status);
    expect(statuses).not.toContain(200);
    const after = await login(server.url, user.email, TEST_PASSWORD, address);
    expect(after.status).toBe(429);
    expect(after.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("one account's failures do not block another account's correct password from the same address", async () => {
    const attacked = await createUser(database.db);
    const colleague = await createUser(database.db);
    const address = freshAddress();
    await burst([server.url], attacked.email, address, 50);
    expect((await login(server.url, attacked.email, TEST_PASSWORD, address)).status).toBe(429);
    expect((await login(server.url, colleague.email, TEST_PASSWORD, address)).status).toBe(200);
  });

  it('spraying many accounts from one address is stopped; another address behind the same proxy still logs in', async () => {
    const sprayer = freshAddress();
    const statuses: number[] = [];
    // 30 distinct (unknown) accounts: each costs one check until the address's budget of 25 is spent.
    for (let i = 0; i < 30; i++) statuses.push((await login(server.url, `spray-${i}-${sprayer}@example.test`, 'fout', sprayer)).status);
    expect(statuses.slice(0, 25).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(25)).toEqual([429, 429, 429, 429, 429]);
    const user = await createUser(database.db);
    expect((await login(server.url, user.email, TEST_PASSWORD, freshAddress())).status).toBe(200);
  });

  it('X-Forwarded-For from a trusted proxy names the client (audit); the nearest untrusted hop wins over a spoofed one', async () => {
    const user = await createUser(database.db);
    const real = freshAddress();
    await login(server.url, user.email, 'fout', `6.6.6.6, ${real}, 127.0.0.1`);
    const [row] = await database.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.userId, user.id), eq(auditLog.event, 'login.failure')));
    expect(row!.ip).toBe(real);
  });
});

describe('login throttle without a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server?.close());

  it('ignores X-Forwarded-For: the socket peer is the client', async () => {
    const user = await createUser(database.db);
    await login(server.url, user.email, 'fout', '203.0.113.9');
    const [row] = await database.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.userId, user.id), eq(auditLog.event, 'login.failure')));
    expect(row!.ip).toBe('127.0.0.1');
  });
});

const redisUp = await redisAvailable('login throttle across processes (Redis)');

describe.skipIf(!redisUp)('login throttle on two processes sharing Redis', () => {
  const counterA = countingVerifier();
  const counterB = countingVerifier();
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const config = { redisUrl: REDIS_URL, trustProxy: ['loopback'] };
    a = await startTestServer({ database, config, verifyPassword: counterA.verify });
    b = await startTestServer({ database, config, verifyPassword: counterB.verify });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a burst of 200 parallel wrong guesses spread over both gets 5 password checks in all (one more per elapsed wait)', async () => {
    const user = await createUser(database.db);
    counterA.holdMs = counterB.holdMs = 150;
    const { statuses, ms } = await burst([a.url, b.url], user.email, freshAddress()).finally(() => (counterA.holdMs = counterB.holdMs = 0));
    const verifies = counterA.verifies + counterB.verifies;
    expect(verifies).toBeLessThanOrEqual(allowedVerifies(ms));
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - verifies);
    // And the right password on either process is refused now.
    const right = await login(b.url, user.email, TEST_PASSWORD, freshAddress());
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
