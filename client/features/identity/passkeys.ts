// Browser side of WebAuthn (@simplewebauthn/browser): fetch options from the server, run the ceremony,
// send the result back. Cancelling in the browser's dialog becomes a Dutch message.
import { startAuthentication, startRegistration, browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { post } from '../../lib/api.ts';
import { describeDevice } from './device.ts';
import type { WebAuthnOptionsResponse } from '../../../shared/auth.ts';

export const passkeysSupported = () => browserSupportsWebAuthn();

class PasskeyCancelled extends Error {}

function friendly(err: unknown): Error {
  const name = (err as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'AbortError')
    return new PasskeyCancelled('De passkey is niet gebruikt (geannuleerd of verlopen). Probeer het opnieuw.');
  if (name === 'InvalidStateError') return new Error('Deze passkey is al geregistreerd voor je account.');
  return err instanceof Error ? err : new Error('De passkey werkte niet. Probeer het opnieuw.');
}

/** Uses a passkey: `prefix` is /api/auth/login (second factor), /api/account/factor (step-up) or /api/auth (passkey sign-in). */
export async function provePasskey<T>(prefix: string): Promise<T> {
  const { options } = await post<WebAuthnOptionsResponse>(`${prefix}/passkey/options`);
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options });
  } catch (err) {
    throw friendly(err);
  }
  return post<T>(`${prefix}/passkey`, { response });
}

/** Registers a new passkey for the signed-in (or enrolling) user. */
export async function registerPasskey<T>(prefix: string, name: string): Promise<T> {
  const { options } = await post<WebAuthnOptionsResponse>(`${prefix}/enrol/passkey/options`);
  let response;
  try {
    response = await startRegistration({ optionsJSON: options });
  } catch (err) {
    throw friendly(err);
  }
  return post<T>(`${prefix}/enrol/passkey`, { response, name });
}

/** A name for a new passkey from the browser and platform, e.g. "Chrome op Windows". */
export function defaultPasskeyName(): string {
  return describeDevice(navigator.userAgent);
}
