// `npm run demo:code`: prints the current code of the demo account's authenticator app (demo key only).
import { demoTotpCode } from './demo-identity.ts';

console.log(demoTotpCode());
