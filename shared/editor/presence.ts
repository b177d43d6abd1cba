// What a collaborator's presence shows: their caret label and colour (Tiptap CollaborationCaret reads the
// awareness field `user`) and the presence list entry (field `presence`). The server stamps both from the
// session, so a client cannot appear under another name; the browser sets the same values for itself.

/** One caret/presence colour per organisation kind (matches the .ct-org--* CSS colours). */
const ORG_COLORS: Record<string, string> = {
  gemeente: '#154273',
  politie: '#1f3a93',
  maatschappelijk_werk: '#8a2c6e',
  jeugdzorg: '#2e6b1f',
  verslavingszorg: '#9a4a00',
  veilig_thuis: '#b1001c',
  wijkteam: '#00695c',
  overig: '#555555',
};

export const orgColor = (kind: string) => ORG_COLORS[kind] ?? ORG_COLORS.overig!;

export interface PresenceUser {
  name: string;
  organization: string;
  color: string;
  userId: string;
}

export function presenceFields(user: { id: string; name: string; organization: { name: string; kind: string } }) {
  const color = orgColor(user.organization.kind);
  return {
    user: { name: `${user.name} · ${user.organization.name}`, color },
    presence: { name: user.name, organization: user.organization.name, color, userId: user.id } satisfies PresenceUser,
  };
}
