import { useId, type ReactNode } from 'react';
import type { Proposal } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { leadWhoMayLead } from '../../ui/leading.ts';
import { money } from '../../ui/format.ts';
import { coordinationPerMember } from '../../ui/work-figures.ts';
import { CostBreakdownChart } from './CostBreakdownChart.tsx';
import { MembersTable } from './MembersTable.tsx';
import { SocialValueBars } from './SocialValueBars.tsx';

interface ProposalCardProps {
  proposal: Proposal;
  plotted: boolean;
  onPlot: () => void;
  /** what the viewer can do with this proposal, e.g. form a consortium from it */
  action?: ReactNode;
}

export function ProposalCard({ proposal, plotted, onPlot, action }: ProposalCardProps) {
  const headingId = useId();
  const size = proposal.members.length;
  const leadFirm = useApp((state) => state.smes.byId[proposal.lead]);
  return (
    <article className={plotted ? 'proposal proposal--plotted' : 'proposal'} aria-labelledby={headingId}>
      <header className="proposal__header">
        <h3 id={headingId}>Rank {proposal.rank}</h3>
        <p className="proposal__cost">{money(proposal.cost)}</p>
        <p className="meta">
          cost for ranking · {money(proposal.breakdown.work)} paid to {size} {size === 1 ? 'firm' : 'firms'}
        </p>
        <Button variant="quiet" aria-pressed={plotted} onClick={onPlot}>
          {plotted ? 'On the map' : 'Show on map'}
        </Button>
      </header>
      <MembersTable
        members={proposal.members}
        lead={leadWhoMayLead(proposal, leadFirm)}
        rank={proposal.rank}
        coordination={coordinationPerMember(proposal.breakdown, size)}
      />
      <div className="proposal__figures">
        {/* Explained open on the best proposal; the others repeat the same words, so they fold. */}
        <CostBreakdownChart breakdown={proposal.breakdown} cost={proposal.cost} explained={proposal.rank === 1} />
        <SocialValueBars socialValue={proposal.socialValue} explained={proposal.rank === 1} />
      </div>
      {proposal.explanation.length > 0 ? (
        // Open on the best proposal; the others fold away so a phone is not all text.
        <details className="proposal__explanation" open={proposal.rank === 1 || undefined}>
          <summary>Why this consortium</summary>
          <ul>
            {proposal.explanation.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {action}
    </article>
  );
}
