// Errors where a page or panel could not load or save. A household of a "twee-factor verplicht" organisation
// answers STEP_UP_REQUIRED: then the second-factor prompt is shown instead. Kept apart from the presentational
// building blocks (ui.tsx) so those do not depend on a feature (no import cycle).
import { StepUp } from '../features/identity/StepUp.tsx';
import { StatementGate } from '../features/privacy/StatementGate.tsx';
import { Link } from '../lib/router.tsx';
import { Alert, Button, Heading, isTransient } from './ui.tsx';

type ShownError = { message: string; status?: number; code?: string; body?: unknown };

/** The household whose geheimhoudingsverklaring the answer asks for (STATEMENT_REQUIRED names it). */
function statementHousehold(error: ShownError): string | null {
  if (error.code !== 'STATEMENT_REQUIRED') return null;
  const id = (error.body as { error?: { householdId?: unknown } } | null)?.error?.householdId;
  return typeof id === 'string' ? id : null;
}

/** A prompt that replaces the error (second factor, confidentiality statement), or null. */
function gateFor(error: ShownError, retry?: () => void) {
  const done = retry ?? (() => location.reload());
  if (error.code === 'STEP_UP_REQUIRED') return <StepUp onDone={done} />;
  const householdId = statementHousehold(error);
  if (householdId) return <StatementGate householdId={householdId} onDone={done} />;
  return null;
}

export function ErrorMessage({ error, retry }: { error: ShownError | null; retry?: () => void }) {
  if (!error) return null;
  const gate = gateFor(error, retry);
  if (gate) return gate;
  return (
    <Alert type="error" title="Dat lukte niet">
      <p className="utrecht-paragraph">{error.message}</p>
      {retry && isTransient(error) && (
        <Button kind="secondary" onClick={retry}>
          Opnieuw proberen
        </Button>
      )}
    </Alert>
  );
}

/** A page that could not be shown: what happened, a retry only when it can help, and the way back. */
export function PageError({
  title,
  error,
  retry,
  back = { href: '/', label: 'Naar Mijn casussen' },
}: {
  title: string;
  error: ShownError;
  retry?: () => void;
  back?: { href: string; label: string };
}) {
  // The page is not in error: it asks for a step first (and then loads).
  const gate = gateFor(error, retry);
  if (gate) return gate;
  return (
    <section aria-labelledby="page-error-title" data-testid="page-error">
      <Heading level={1} id="page-error-title">
        {title}
      </Heading>
      <ErrorMessage error={error} retry={retry} />
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" href={back.href}>
          {back.label}
        </Link>
      </p>
    </section>
  );
}
