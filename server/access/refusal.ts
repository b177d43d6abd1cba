// A refused attempt on a household's data: one error type for every transport, answered over HTTP as
// 404 (exactly like a missing id) or 403, and written to the audit trail with who tried what (NEN 7513).
import { AppError } from '../errors.ts';
import type { HouseholdAction } from '../../shared/policy.ts';
import type { AuditWriter } from '../audit/writer.ts';
import type { SessionUser } from '../auth/session.ts';

export type ResourceKind = 'household' | 'document' | 'action';

const NOT_FOUND: Record<ResourceKind, string> = {
  household: 'Dit huishouden bestaat niet of je neemt er niet aan deel.',
  document: 'Dit document bestaat niet of je hebt er geen toegang toe.',
  action: 'Deze actie bestaat niet of je hebt er geen toegang toe.',
};

export function forbiddenMessage(action: HouseholdAction): string {
  switch (action) {
    case 'write':
      return 'Je kijkt mee bij dit huishouden en kunt niets wijzigen.';
    case 'direct':
      return 'Alleen de regievoerder van dit huishouden mag dit doen.';
    case 'manageParticipants':
    case 'update':
    case 'audit':
      return 'Alleen de regievoerder of een functioneel beheerder mag dit doen.';
    default:
      return 'Je hebt geen toegang tot deze handeling.';
  }
}

export class AccessRefused extends AppError {
  constructor(
    status: 403 | 404 | 409,
    readonly resource: ResourceKind,
    /** The id that was asked for, as given (may be malformed). */
    readonly resourceId: string,
    readonly tried: HouseholdAction | string,
    /** The household the resource belongs to; null when it does not exist (a probe). */
    readonly householdId: string | null,
    message?: string,
    code?: string,
  ) {
    super(
      status,
      code ?? (status === 404 ? 'NOT_FOUND' : 'FORBIDDEN'),
      message ?? (status === 404 ? NOT_FOUND[resource] : forbiddenMessage(tried as HouseholdAction)),
      // A participant is told which household asks for the statement (a 404 names nothing).
      status !== 404 && householdId ? { householdId } : {},
    );
  }
}

/** Where a refused attempt came in, for the audit row. */
export interface AttemptContext {
  user: SessionUser;
  ip: string | null;
  via: 'http' | 'socket' | 'stream';
  /** e.g. `GET /api/actions/…/history` or `/collab/…` */
  request?: string;
}

/** Appends the audit row of a refused attempt (outside any transaction: the attempt is recorded even though its work rolled back). */
export function recordRefusal(writer: AuditWriter, err: AccessRefused, at: AttemptContext): Promise<void> {
  return writer.append({
    userId: at.user.id,
    organizationId: at.user.organization.id,
    householdId: err.householdId,
    event: 'access.refused',
    target: storable(err.resourceId.slice(0, 80)),
    ip: at.ip,
    details: {
      resource: err.resource,
      tried: err.tried,
      answer: err.status,
      via: at.via,
      ...(at.request ? { request: storable(at.request.slice(0, 200)) } : {}),
    },
  });
}

/** What a prober sent, as text the database accepts: no NUL, no lone surrogate (each would fail the audit insert). */
function storable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what has to go
  return s.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
