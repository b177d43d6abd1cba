// Board test helpers: fast sessions for many users, and actions created straight through the API.
import { generateSessionToken } from '../../server/auth/session.ts';
import { SESSION_COOKIE } from '../../server/auth/middleware.ts';
import type { RunningServer } from '../../server/server.ts';
import { ApiClient } from './client.ts';

/** A logged-in client for `userId` without the (deliberately slow) password check. */
export async function sessionClient(server: Pick<RunningServer, 'url' | 'deps'>, userId: string): Promise<ApiClient> {
  const token = generateSessionToken();
  await server.deps.sessions.createSession(token, userId);
  const api = new ApiClient(server.url);
  api.cookie = `${SESSION_COOKIE}=${token}`;
  return api;
}

export async function createActionVia(api: ApiClient, householdId: string, body: Record<string, unknown> = {}) {
  const res = await api.post(`/api/households/${householdId}/actions`, { title: 'Intake plannen', ...body });
  if (res.status !== 201) throw new Error(`create action failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.action as { id: string; version: number; householdId: string; [k: string]: any };
}
