// Sends e-mail through SMTP (nodemailer), or nothing at all when SMTP_URL is not set. Bounded: a silent SMTP
// server fails a message within seconds, and the message is tried again later (email-delivery.ts).
import type { Transporter } from 'nodemailer';
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
  const { smtpUrl, smtpFrom } = config;
  // nodemailer (~3 MB of heap) is loaded by the first message, not at start.
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }, { from: smtpFrom }),
    ));
  return {
    send: async (mail) => {
      await (await open()).sendMail(mail);
    },
    close: () => {
      void transport?.then((t) => t.close());
    },
  };
}

/** What may be logged of a failed send: the SMTP code, never the message (it can repeat an address). */
export function mailError(err: unknown): { code: string | null; responseCode: number | null } {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  return { code: typeof e?.code === 'string' ? e.code : null, responseCode: typeof e?.responseCode === 'number' ? e.responseCode : null };
}
