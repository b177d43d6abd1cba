// The ten recovery codes, shown once after enrolment (or renewal), with copy and a confirmation to continue.
import { useState } from 'react';
import { Alert, Button, Heading } from '../../components/ui.tsx';

export function RecoveryCodes({ codes, onDone, doneLabel = 'Ik heb de codes bewaard' }: { codes: string[]; onDone?: () => void; doneLabel?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="recovery-title" className="ct-recovery">
      <Heading level={2} id="recovery-title">
        Je herstelcodes
      </Heading>
      <Alert type="warning">
        Bewaar deze codes op een veilige plek. Je ziet ze maar één keer. Met een herstelcode log je in als je je telefoon of passkey kwijt bent; iedere code
        werkt één keer.
      </Alert>
      <ol className="ct-codes" aria-label="Herstelcodes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="ct-actions-row">
        <Button
          onClick={async () => {
            await navigator.clipboard?.writeText(codes.join('\n')).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? 'Gekopieerd' : 'Codes kopiëren'}
        </Button>
        {onDone && (
          <Button kind="primary" onClick={onDone}>
            {doneLabel}
          </Button>
        )}
      </div>
    </section>
  );
}
