import { useEffect } from 'react';
import type { Proposal } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { Notice } from '../../ui/feedback.tsx';
import { money } from '../../ui/format.ts';

/**
 * When the lot belongs to a programme, the consortium the programme's
 * allocation recommends for it (so work is spread across the programme), and
 * which live proposal it is, if it is among them. Leads see it on the board too.
 */
export function ProgrammeRecommendation({ lotId, proposals }: { lotId: string; proposals: readonly Proposal[] }) {
  const { recommendation, loadRecommendation } = useApp((state) => ({
    recommendation: state.programmes.recommendations[lotId],
    loadRecommendation: state.loadRecommendation,
  }));
  useEffect(() => {
    void loadRecommendation(lotId);
  }, [lotId, loadRecommendation]);
  if (!recommendation) return null;
  const key = [...recommendation.members].sort().join();
  const match = proposals.find(
    (proposal) =>
      proposal.members
        .map((member) => member.smeId)
        .sort()
        .join() === key,
  );
  const names = match
    ? match.members.map((member) => member.name).join(', ')
    : `${recommendation.members.length} firms`;
  return (
    <div data-testid="programme-recommendation">
      <Notice>
        Recommended for the programme “{recommendation.programmeName}”: {names} for {money(recommendation.cost)}
        {match ? ` (rank ${match.rank} below)` : ''}. It spreads the programme’s work across more local firms.
      </Notice>
    </div>
  );
}
