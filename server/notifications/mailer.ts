// Sends e-mail through SMTP (nodemailer), or nothing at all when SMTP_URL is not set. Bounded: a silent SMTP
// server fails a message within seconds, and the message is tried again later (email-delivery.ts).
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(
    { url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from: config.smtpFrom },
  );
  return {
    send: async (mail) => {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}

/** What may be logged of a failed send: the SMTP code, never the message (it can repeat an address). */
export function mailError(err: unknown): { code: string | null; responseCode: number | null } {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  return { code: typeof e?.code === 'string' ? e.code : null, responseCode: typeof e?.responseCode === 'number' ? e.responseCode : null };
}
