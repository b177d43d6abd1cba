// Errors where a page or panel could not load or save. A household of a "twee-factor verplicht" organisation
// answers STEP_UP_REQUIRED: then the second-factor prompt is shown instead. Kept apart from the presentational
// building blocks (ui.tsx) so those do not depend on a feature (no import cycle).
import { StepUp } from '../features/identity/StepUp.tsx';
import { Link } from '../lib/router.tsx';
import { Alert, Button, Heading, isTransient } from './ui.tsx';

export function ErrorMessage({ error, retry }: { error: { message: string; status?: number; code?: string } | null; retry?: () => void }) {
  if (!error) return null;
  if (error.code === 'STEP_UP_REQUIRED') return <StepUp onDone={retry ?? (() => location.reload())} />;
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
  error: { message: string; status?: number };
  retry?: () => void;
  back?: { href: string; label: string };
}) {
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
