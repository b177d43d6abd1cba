// Every page of one household renders through this gate: once the user no longer takes part in it (removed,
// or the household's live channels refused them), the page's content, action cards, export links and banners
// are unmounted at once and replaced by one message and the way back. Unmounting also closes the page's
// document connections and offline copies, which LiveProvider then deletes. A changed role or information
// level rebuilds the page, so it shows no more than the new level allows.
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useLive } from '../lib/live.tsx';
import { Link } from '../lib/router.tsx';
import { Alert, Heading } from './ui.tsx';

export function CaseGate({ householdId, children }: { householdId: string; children: ReactNode }) {
  const { gone, onParticipation } = useLive();
  // The user's role or information level here changed (on another screen): the page is built again from
  // what the server now lets it read, so nothing stays on screen that the new level does not show.
  const [generation, setGeneration] = useState(0);
  useEffect(() => onParticipation((e) => e.householdId === householdId && e.role !== null && setGeneration((g) => g + 1)), [onParticipation, householdId]);
  const message = gone.get(householdId);
  if (!message) return <Fragment key={generation}>{children}</Fragment>;
  return (
    <section aria-labelledby="gone-title" className="ct-gone" data-testid="case-gone">
      <Heading level={1} id="gone-title">
        Geen toegang meer
      </Heading>
      <Alert type="warning">{message}</Alert>
      <p className="utrecht-paragraph">
        <Link className="utrecht-button utrecht-button--primary-action ct-button-link" href="/">
          Naar Mijn casussen
        </Link>
      </p>
    </section>
  );
}
