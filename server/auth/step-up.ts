// Step-up: a household whose regie organisation has "twee-factor verplicht" needs a session that passed a
// second factor. A weaker session is asked for it (the client shows the second-factor step), not just refused.
import { AppError } from '../errors.ts';

export const STEP_UP_REQUIRED = 'STEP_UP_REQUIRED';

export const stepUpRequired = () =>
  new AppError(403, STEP_UP_REQUIRED, 'Dit huishouden vraagt om inloggen met een tweede factor. Bevestig je tweede factor om verder te gaan.');
