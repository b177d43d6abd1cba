// New passwords: at least 12 characters and not a common password (NIST SP 800-63B). The list is the
// 49,000 most common passwords that zxcvbn-ts ships, plus Dutch words people use; a common word with
// digits or symbols around it ("Wachtwoord2024!") counts as common too.
import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from '../../shared/auth.ts';

const DUTCH = [
  'wachtwoord',
  'welkom',
  'welkom01',
  'geheim',
  'casustafel',
  'gemeente',
  'politie',
  'voorjaar',
  'zomer',
  'winter',
  'herfst',
  'januari',
  'wijkteam',
  'jeugdzorg',
  'veiligthuis',
  'nederland',
  'amsterdam',
  'rotterdam',
  'utrecht',
  'feyenoord',
  'ajax',
];

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set([...(dictionary['passwords-common'] as string[]), ...DUTCH].map((p) => p.toLowerCase())));

/** Why a new password is refused (Dutch, for the user), or null when it is fine. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core))) return 'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden. Kies een ander.';
  if (/^(.)\1+$/.test(password) || (/^(.+?)\1+$/.test(lower) && list.has(/^(.+?)\1+$/.exec(lower)![1]!)))
    return 'Dit wachtwoord is te voorspelbaar. Kies een ander.';
  const local = context.email?.toLowerCase().split('@')[0];
  if (local && local.length >= 4 && lower.includes(local)) return 'Gebruik je e-mailadres niet in je wachtwoord.';
  return null;
}
