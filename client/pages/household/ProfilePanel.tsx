import type { HouseholdDetail } from '../../lib/types.ts';
import { Heading } from '../../components/ui.tsx';
import { PACKAGE_LABEL, PROFILE_INFO } from '../../../shared/labels.ts';

/** The gezinsprofiel with its description and typical interventions, as guidance for the plan. */
export function ProfilePanel({ household: h }: { household: HouseholdDetail }) {
  const info = h.profile ? PROFILE_INFO[h.profile] : null;
  return (
    <section className="ct-card" aria-labelledby="profile-title">
      <Heading level={2} id="profile-title">Gezinsprofiel</Heading>
      {!info && <p className="utrecht-paragraph">Nog geen leidend gezinsprofiel gekozen.</p>}
      {info && (
        <>
          <p className="utrecht-paragraph ct-strong">{info.label}</p>
          <p className="utrecht-paragraph">{info.description}</p>
          <p className="utrecht-paragraph ct-small">Passende interventies uit het arrangement:</p>
          <ul className="utrecht-unordered-list ct-small">
            {info.interventions.map((i) => <li key={i} className="utrecht-unordered-list__item">{i}</li>)}
          </ul>
        </>
      )}
      <p className="utrecht-paragraph ct-small">{PACKAGE_LABEL(h.package, h.hasChildren)}</p>
    </section>
  );
}
