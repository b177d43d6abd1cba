// Retention as one Module: the functioneel beheerder's vernietigingslijst (list, confirm) and the job
// scheduler that puts households on it (exactly once across processes; see jobs/scheduler.ts).
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { actorOf } from '../http.ts';
import { isUuid } from '../access/authorize.ts';
import { AppError } from '../errors.ts';
import { JobScheduler, type Job } from '../jobs/scheduler.ts';
import { destroyHousehold, destructionList, destructionRecords } from './destroy.ts';
import { markRetentionEnded } from './job.ts';
import type { DestructionListResponse, DestructionResponse } from '../../shared/api.ts';

const schedulers = new WeakMap<Deps, JobScheduler>();

/** The job scheduler of this server instance (tests run its pass directly). */
export function getScheduler(deps: Deps): JobScheduler {
  const s = schedulers.get(deps);
  if (!s) throw new Error('retention module not created for these deps');
  return s;
}

export const RETENTION_JOB_EVERY_MS = 60 * 60 * 1000;

export function retentionModule(deps: Deps): Module {
  const jobs: Job[] = [{ name: 'retention', everyMs: RETENTION_JOB_EVERY_MS, run: (tx, now) => markRetentionEnded(tx, now) }];
  const scheduler = new JobScheduler(deps.db, jobs, deps.now, deps.log);
  schedulers.set(deps, scheduler);
  scheduler.start(deps.config.jobsTickMs);

  const api = new Hono<AppEnv>();
  api.get('/admin/destruction-list', async (c) => {
    requireAdmin(c);
    const [entries, destroyed] = await Promise.all([destructionList(deps.db, deps.now()), destructionRecords(deps.db)]);
    return c.json<DestructionListResponse>({ entries, destroyed });
  });
  api.post('/admin/destruction-list/:householdId/confirm', async (c) => {
    requireAdmin(c);
    const id = c.req.param('householdId');
    if (!isUuid(id)) throw new AppError(404, 'NOT_ON_DESTRUCTION_LIST', 'Dit huishouden staat niet op de vernietigingslijst.');
    return c.json<DestructionResponse>({ destroyed: await destroyHousehold(deps, id, actorOf(c, deps)) });
  });
  return { name: 'retention', api, close: () => scheduler.close() };
}
