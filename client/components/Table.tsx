// NL Design System table: column headers from a list, body rows as children.
import type { HTMLAttributes, ReactNode, TdHTMLAttributes } from 'react';

export function Table({ headers, compact, children, ...rest }: HTMLAttributes<HTMLTableElement> & { headers: string[]; compact?: boolean; children: ReactNode }) {
  return (
    <table className={`utrecht-table ct-table ${compact ? 'ct-table--compact' : ''}`} {...rest}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          {headers.map((h) => (
            <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">{children}</tbody>
    </table>
  );
}

export const Row = (props: HTMLAttributes<HTMLTableRowElement>) => <tr className="utrecht-table__row" {...props} />;
export const Cell = (props: TdHTMLAttributes<HTMLTableCellElement>) => <td className="utrecht-table__cell" {...props} />;
