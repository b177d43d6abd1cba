// Imported first by main.tsx, before any schema is built: the CSP allows no eval, so zod must not probe for
// `new Function` (its JIT parser), which the browser would report as a CSP violation. Schemas read this setting
// when they are constructed, hence a module of its own that runs before shared/schemas.ts.
import { z } from 'zod';

z.config({ jitless: true });
