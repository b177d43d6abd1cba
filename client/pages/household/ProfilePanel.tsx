import { useState } from 'react';
import { patch } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import type { HouseholdDetail } from '../../../shared/api.ts';
import { Alert, FormActions, Heading, OpenForm, Select } from '../../components/ui.tsx';
import { PROFILES } from '../../../shared/enums.ts';
import { PACKAGE_LABEL, PROFILE_INFO } from '../../../shared/labels.ts';
import { useHouseholdRights } from '../../lib/policy.ts';

/** The gezinsprofiel with its description and typical interventions, as guidance for the plan. */
export function ProfilePanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const info = h.profile ? PROFILE_INFO[h.profile] : null;
  const mayChange = useHouseholdRights(h)('direct');
  return (
    <section className="ct-card" aria-labelledby="profile-title">
      <Heading level={2} id="profile-title">
        Gezinsprofiel
      </Heading>
      {!info && <p className="utrecht-paragraph">Nog geen leidend gezinsprofiel gekozen.</p>}
      {info && (
        <>
          <p className="utrecht-paragraph ct-strong">{info.label}</p>
          <p className="utrecht-paragraph">{info.description}</p>
          <p className="utrecht-paragraph ct-small">Passende interventies uit het arrangement:</p>
          <ul className="utrecht-unordered-list ct-small">
            {info.interventions.map((i) => (
              <li key={i} className="utrecht-unordered-list__item">
                {i}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="utrecht-paragraph ct-small">{PACKAGE_LABEL(h.package, h.hasChildren)}</p>
      <OpenForm label="Profiel of pakket wijzigen" allowed={mayChange} onChange={onChange}>
        {(done, cancel) => <ProfileForm household={h} onDone={done} onCancel={cancel} />}
      </OpenForm>
    </section>
  );
}

function ProfileForm({ household: h, onDone, onCancel }: { household: HouseholdDetail; onDone: () => void; onCancel: () => void }) {
  const [profile, setProfile] = useState<string>(h.profile ?? '');
  const [pkg, setPkg] = useState<string>(h.package ? String(h.package) : '');
  const [hasChildren, setHasChildren] = useState(h.hasChildren);
  const { error, busy, submit } = useSubmit();
  const save = submit(async () => {
    await patch(`/api/households/${h.id}`, { profile: profile || null, package: pkg ? Number(pkg) : null, hasChildren });
    onDone();
  });
  return (
    <form className="ct-form" onSubmit={save} aria-label="Profiel en pakket wijzigen">
      {error && <Alert type="error">{error}</Alert>}
      <Select
        label="Leidend gezinsprofiel"
        value={profile}
        onChange={(e) => setProfile(e.target.value)}
        options={[{ value: '', label: 'Nog niet bepaald' }, ...PROFILES.map((p) => ({ value: p, label: PROFILE_INFO[p].label }))]}
      />
      <Select
        label="HG-pakket"
        value={pkg}
        onChange={(e) => setPkg(e.target.value)}
        options={[
          { value: '', label: 'Nog niet bepaald' },
          { value: '1', label: 'Pakket 1' },
          { value: '2', label: 'Pakket 2' },
          { value: '3', label: 'Pakket 3' },
        ]}
      />
      <label className="ct-check">
        <input type="checkbox" checked={hasChildren} onChange={(e) => setHasChildren(e.target.checked)} /> Gezin met kinderen
      </label>
      <FormActions submit="Opslaan" busy={busy} onCancel={onCancel} />
    </form>
  );
}
