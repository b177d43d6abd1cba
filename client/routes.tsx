// Feature pages (documents, board, overview) register their routes here.
import type { ReactNode } from 'react';

export interface RouteDef {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}

export const routes: RouteDef[] = [];
