// Dutch labels and guidance texts for the domain enums (UI is nl-NL).
import type {
  ActionStatus,
  CasusoverlegStatus,
  CloseReason,
  EvaluationReason,
  EvaluationVerdict,
  Grondslag,
  HouseholdRole,
  HuisverbodDecision,
  InfoLevel,
  OrganizationKind,
  PersonRole,
  Phase,
  Profile,
} from './enums.ts';

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  gemeente: 'Gemeente',
  politie: 'Politie',
  maatschappelijk_werk: 'Maatschappelijk werk',
  jeugdzorg: 'Jeugdzorg',
  verslavingszorg: 'Verslavingszorg',
  veilig_thuis: 'Veilig Thuis',
  wijkteam: 'Wijkteam',
  overig: 'Overig',
};

export const GRONDSLAG_LABELS: Record<Grondslag, string> = {
  huisverbod_wth: 'Huisverbod (Wet tijdelijk huisverbod)',
  melding_veilig_thuis: 'Melding Veilig Thuis (Wet verplichte meldcode)',
  toestemming: 'Toestemming betrokkene(n)',
  wettelijke_taak: 'Wettelijke taak gemeente (Wmo / Jeugdwet)',
  zwaarwegend_belang: 'Zwaarwegend belang / veiligheid',
};

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  doelen_bereikt: 'Doelen bereikt',
  overgedragen_reguliere_hulp: 'Overgedragen aan reguliere hulp',
  verhuisd: 'Verhuisd',
  anders: 'Anders',
};

export const CASUSOVERLEG_STATUS_LABELS: Record<CasusoverlegStatus, string> = {
  planned: 'Gepland',
  in_progress: 'Bezig',
  closed: 'Gesloten',
};

/** An agenda item the viewer does not see into: only its time slot is shown. */
export const CLOSED_CASE_LABEL = 'Besloten casus';

export const ROLE_LABELS: Record<HouseholdRole, string> = {
  regievoerder: 'Regievoerder',
  partner: 'Partner',
  observer: 'Meekijker',
};

export const INFO_LEVEL_LABELS: Record<InfoLevel, string> = {
  volledig: 'Volledig',
  afspraken: 'Afspraken',
  signaal: 'Signaal',
};

/** What each information level shows, in the words of the participants panel and the level notice. */
export const INFO_LEVEL_HELP: Record<InfoLevel, string> = {
  volledig: 'Alles: plan van aanpak, verslagen, personen en alle acties.',
  afspraken: 'Alleen de acties van de eigen organisatie en het kenmerk van het huishouden; geen plan, verslagen of persoonsgegevens.',
  signaal: 'Alleen dat dit huishouden in het casusoverleg is en wie de regievoerder is.',
};

export const PHASE_LABELS: Record<Phase, string> = {
  directe_veiligheid: 'Directe veiligheid',
  stabiele_veiligheid: 'Stabiele veiligheid',
  duurzaam_herstel: 'Duurzaam herstel',
};

export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  slachtoffer: 'Slachtoffer',
  pleger: 'Pleger',
  kind: 'Kind',
  getuige: 'Getuige',
  netwerk: 'Netwerk',
  overig: 'Overig',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  claimed: 'Opgepakt',
  done: 'Afgerond',
  cancelled: 'Vervallen',
};

export const VERDICT_LABELS: Record<EvaluationVerdict, string> = {
  afgerond: 'Afgerond',
  loopt: 'Loopt',
  niet_gelukt: 'Niet gelukt',
  vervalt: 'Vervalt',
};

export const EVALUATION_REASON_LABELS: Record<EvaluationReason, string> = {
  omstandigheden_gewijzigd: 'Omstandigheden gewijzigd',
  niet_uitgevoerd_door_partner: 'Niet uitgevoerd door de partner',
};

export const HUISVERBOD_DECISION_LABELS: Record<HuisverbodDecision, string> = {
  verlengd: 'Verlengd',
  niet_verlengd: 'Niet verlengd',
};

/** The badge on a household whose huisverbod or reopening came within 12 months of an earlier one. */
export const HERHAALD_INCIDENT_LABEL = 'Herhaald incident';

export const PROFILE_INFO: Record<Profile, { label: string; description: string; interventions: string[] }> = {
  intieme_terreur: {
    label: 'Intieme terreur',
    description:
      'Eén partner oefent structureel controle en dwang uit over de ander. Het geweld is eenzijdig en het risico op ernstig of dodelijk geweld is hoog.',
    interventions: [
      'Veiligheidsplanning en risicotaxatie met politie en Veilig Thuis',
      'Bescherming van het slachtoffer (opvang, contactverbod)',
      'Daderhulp gericht op controlerend gedrag',
      'Strak gecoördineerde regie en snelle informatiedeling',
    ],
  },
  gezin_in_de_stress: {
    label: 'Gezin in de stress',
    description: 'Geweld ontstaat onder druk van stressfactoren zoals schulden, werkloosheid, huisvesting, verslaving of psychische problemen.',
    interventions: [
      'Aanpak van stressoren (schuldhulp, werk, wonen)',
      'Systeemgerichte gezinsbegeleiding',
      'Verslavingszorg of GGZ waar nodig',
      'Vaardigheden: emotieregulatie en communicatie',
    ],
  },
  kindgedrag_en_opvoedstress: {
    label: 'Kindgedrag en opvoedstress',
    description: 'Spanningen rond de opvoeding en moeilijk gedrag van een kind leiden tot geweld, van ouder naar kind of van kind naar ouder.',
    interventions: [
      'Opvoedondersteuning en ouderschapstraining',
      'Jeugdhulp voor het kind',
      'Netwerk betrekken voor ontlasting',
      'Veiligheidsafspraken met alle gezinsleden',
    ],
  },
  langdurige_zorg: {
    label: 'Langdurige zorg',
    description: 'Het gezin heeft al lang meerdere problemen en veel hulpverleners. Onveiligheid keert steeds terug; duurzame verandering vraagt jaren.',
    interventions: [
      'Eén plan en één regievoerder voor alle hulp',
      'Langdurige, outreachende begeleiding',
      'Terugvalpreventie en vaste evaluatiemomenten',
      'Afschalen pas na stabiele veiligheid',
    ],
  },
  complexe_scheiding: {
    label: 'Complexe scheiding',
    description: 'Ouders zitten in een conflictueuze scheiding; kinderen raken klem tussen de ouders en zijn getuige van ruzies en geweld.',
    interventions: [
      'Hulp bij scheiding en ouderschapsplan',
      'Veilige omgangsregeling en overdrachten',
      'Steun voor kinderen (bijv. KIES)',
      'Afstemming met rechtspraak en Raad voor de Kinderbescherming',
    ],
  },
};

export const PACKAGE_LABEL = (p: number | null, hasChildren: boolean) =>
  p ? `HG-pakket ${p} (${hasChildren ? 'met kinderen' : 'zonder kinderen'})` : 'Geen HG-pakket';

/** nl-NL date/time formatting in Europe/Amsterdam. Formatters are made once (making one costs far more than using it). */
const TZ = 'Europe/Amsterdam';
const nl = (opts: Intl.DateTimeFormatOptions) => ({
  /** A calendar day (YYYY-MM-DD) is that day wherever the viewer is; a moment is shown in Dutch time. */
  day: new Intl.DateTimeFormat('nl-NL', { ...opts, timeZone: 'UTC' }),
  moment: new Intl.DateTimeFormat('nl-NL', { ...opts, timeZone: TZ }),
});
const LONG = nl({ day: 'numeric', month: 'long', year: 'numeric' });
const SHORT = nl({ day: '2-digit', month: '2-digit', year: 'numeric' });
const WITH_TIME = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ });
const dated = (f: ReturnType<typeof nl>) => (iso: string | null | undefined) =>
  iso ? (iso.length === 10 ? f.day.format(new Date(iso + 'T00:00:00Z')) : f.moment.format(new Date(iso))) : '—';
export const formatDate = dated(LONG);
export const formatShortDate = dated(SHORT);
export const formatDateTime = (iso: string | null | undefined) => (iso ? WITH_TIME.format(new Date(iso)) : '—');

/** How a household is named to a participant: below `volledig` the server empties what the level does not show. */
export function householdLabel(h: { reference: string; displayName: string; myLevel: InfoLevel | null }): { reference: string; name: string } {
  if (h.myLevel === 'signaal') return { reference: 'Besloten casus', name: '' };
  return { reference: h.reference, name: h.myLevel === 'afspraken' ? 'Alleen afspraken' : h.displayName };
}

/** "09:30" in Europe/Amsterdam. */
export const formatTime = (iso: string | null | undefined) =>
  iso ? new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: TZ }).format(new Date(iso)) : '—';

/** An agenda item's time slot: "09:30–09:50". */
export const formatSlot = (slot: { slotStart: string; slotMinutes: number }) =>
  `${formatTime(slot.slotStart)}–${formatTime(new Date(new Date(slot.slotStart).getTime() + slot.slotMinutes * 60_000).toISOString())}`;
