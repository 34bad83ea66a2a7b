import { TableScroll } from '../../ui/layout.tsx';
import type { Proposal } from '@lepa/shared';
import { km, money, percent } from '../../ui/format.ts';

/** Rank, cost, members, furthest distance and local share of every proposal at a glance; a row narrows the detail below to it. */
export function ComparisonTable({
  proposals,
  open,
  onOpen,
}: {
  proposals: readonly Proposal[];
  open: number | null;
  onOpen: (rank: number | null) => void;
}) {
  return (
    <TableScroll label={'Proposals compared'}>
      <table className="comparison">
        <caption>Proposals compared, cheapest first</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Cost for ranking</th>
            <th scope="col">Firms</th>
            <th scope="col">Furthest firm</th>
            <th scope="col">Local share</th>
            <th scope="col">
              <span className="visually-hidden">Detail</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => (
            <tr key={proposal.rank} aria-selected={open === proposal.rank ? true : undefined}>
              <th scope="row">{proposal.rank}</th>
              <td>{money(proposal.cost)}</td>
              <td>{proposal.members.map((m) => m.name).join(', ')}</td>
              <td>{km(Math.max(...proposal.members.map((m) => m.distanceKm)))}</td>
              <td>{percent(proposal.socialValue.localSharePct)}</td>
              <td>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-expanded={open === proposal.rank}
                  aria-controls={`proposal-${proposal.rank}`}
                  onClick={() => onOpen(open === proposal.rank ? null : proposal.rank)}
                >
                  {open === proposal.rank ? 'Show every proposal' : 'Show only this one'}
                  <span className="visually-hidden"> of proposal {proposal.rank}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
