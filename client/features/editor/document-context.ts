// What the document page hands to feature plugins (board chips, the casusoverleg flow), and what they return.
// Kept apart from DocumentPage.tsx so plugins can depend on it without an import loop.
import type { ReactNode } from 'react';
import type { AnyExtension } from '@tiptap/core';
import type { Editor } from '@tiptap/react';
import type { HouseholdDetail } from '../../../shared/api.ts';
import type { HouseholdRole } from '../../../shared/enums.ts';
import type { DocumentResponse } from '../../../shared/api.ts';

import type { HouseholdEvent } from '../../../shared/board.ts';

export interface DocumentContext {
  document: DocumentResponse['document'];
  myRole: HouseholdRole | null;
  /** The household overview, read once for the page (persons, participants for the board's forms). */
  household: HouseholdDetail;
  editor: Editor | null;
  reload: () => void;
}

export type DocumentPlugins = {
  extensions: AnyExtension[];
  toolbar?: ReactNode;
  banner?: ReactNode;
  before?: ReactNode;
  after?: ReactNode;
  side?: ReactNode;
};

/** Subscribes to the household's live events while the page is open; returns the unsubscribe. */
export type OnHouseholdEvent = (listener: (e: HouseholdEvent) => void) => () => void;
