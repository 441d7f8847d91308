import type { CustomerRow } from '../../../../shared/contract/segment';

/** Columns shown for a list of customers: the first eight of the dataset. */
const SHOWN_COLUMNS = 8;

/**
 * The customers behind a migration cell or a tag: a heading and a plain table of their first
 * columns. The test ids are the ones each view had (`${testId}-title` for the heading).
 */
export function CustomerList(props: { heading: string; customers: CustomerRow[]; testId: string; rowTestId: string }) {
  const { heading, customers, testId, rowTestId } = props;
  const cols = customers[0] ? Object.keys(customers[0].cells).slice(0, SHOWN_COLUMNS) : [];
  return (
    <div className="k-table-wrap">
      <div className="k-segment__heading" data-testid={`${testId}-title`}>
        {heading}
      </div>
      <table className="k-table" data-testid={testId}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {customers.map((r) => (
            <tr key={r.row} data-testid={rowTestId}>
              {cols.map((c) => (
                <td key={c}>{String(r.cells[c] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
