// NL Design System table: column headers from a list, body rows as children. On a narrow screen (a phone,
// 390 px) every row becomes a block of "header: value" lines instead of a table that scrolls sideways; the
// header of each cell is filled in from the column list.
import {
  Children,
  cloneElement,
  createContext,
  isValidElement,
  useContext,
  type HTMLAttributes,
  type ReactElement,
  type ReactNode,
  type TdHTMLAttributes,
} from 'react';

const Headers = createContext<string[]>([]);

export function Table({
  headers,
  compact,
  children,
  className = '',
  ...rest
}: HTMLAttributes<HTMLTableElement> & { headers: string[]; compact?: boolean; children: ReactNode }) {
  return (
    <table className={`utrecht-table ct-table ${compact ? 'ct-table--compact' : ''} ${className}`} {...rest}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          {headers.map((h) => (
            <th key={h} className="utrecht-table__header-cell" scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <Headers.Provider value={headers}>
        <tbody className="utrecht-table__body">{children}</tbody>
      </Headers.Provider>
    </table>
  );
}

export function Row({ children, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  const headers = useContext(Headers);
  let i = 0;
  const labelled = Children.map(children, (child) =>
    isValidElement(child)
      ? cloneElement(child as ReactElement<{ 'data-label'?: string }>, {
          'data-label': (child.props as { 'data-label'?: string })['data-label'] ?? headers[i++],
        })
      : child,
  );
  return (
    <tr className="utrecht-table__row" {...props}>
      {labelled}
    </tr>
  );
}

export const Cell = (props: TdHTMLAttributes<HTMLTableCellElement> & { 'data-label'?: string }) => <td className="utrecht-table__cell" {...props} />;
