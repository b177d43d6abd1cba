// Security headers on every response (Hono's secureHeaders), and HSTS only when the request came over HTTPS.
//
// The Content-Security-Policy allows scripts only from this origin (the built client has no inline script; Vite
// emits one module script tag). Styles also allow inline: Tiptap injects its base CSS as a <style> element and the
// collaboration caret sets style attributes; script injection is what the policy is for.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context.ts';
import { isHttps } from './auth/middleware.ts';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // 'self' covers the same-origin WebSocket (/collab) and the event stream.
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(): MiddlewareHandler<AppEnv>[] {
  return [
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      xFrameOptions: 'DENY',
      // 'no-referrer' would make browsers send `Origin: null` on same-origin POSTs, which the CSRF check refuses.
      referrerPolicy: 'same-origin',
      // Only over HTTPS (below): over plain HTTP browsers ignore it, and a test setup must not pin it.
      strictTransportSecurity: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
    }),
    async (c, next) => {
      await next();
      if (isHttps(c)) c.header('Strict-Transport-Security', HSTS);
    },
  ];
}
