// One caret/presence colour per organisation kind (matches the .ct-org--* CSS colours).
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
