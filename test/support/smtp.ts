// A real SMTP server (smtp-server) on a free local port, for tests of notification e-mail: it accepts every
// message and keeps what arrived (envelope, raw message, decoded text). Tests wait on arrivals, never on the clock.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './collab.ts';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** Subject and body with quoted-printable and encoded words undone: what a reader sees. */
  text: string;
}

/** Undoes quoted-printable (soft line breaks, =XX bytes as UTF-8) and MIME encoded words in headers. */
export function decodeMail(raw: string): string {
  const words = raw.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
  );
  return decodeQp(words.replace(/=\r?\n/g, ''));
}

function decodeQp(s: string): string {
  return s.replace(/(?:=[0-9A-F]{2})+/gi, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}

export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeMail(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves once at least `n` messages have arrived. */
    arrived: (n: number) => waitFor(() => received.length >= n, `${n} e-mail(s) received`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
