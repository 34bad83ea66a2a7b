import { useEffect } from 'react';
import { useApp } from '../../store/index.ts';
import { Card } from '../../ui/layout.tsx';
import { money } from '../../ui/format.ts';

const longDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** After the award the proposals stop; the board says who won and when. */
export function AwardPanel({ lotId }: { lotId: string }) {
  const { award, loadAward } = useApp((state) => ({ award: state.account.awards[lotId], loadAward: state.loadAward }));
  useEffect(() => {
    void loadAward(lotId);
  }, [lotId, loadAward]);
  if (!award) return null;
  return (
    <Card title="Awarded">
      <p>
        On {longDay.format(new Date(award.decidedAt))} the housing provider awarded this lot to the consortium led by{' '}
        <strong>{award.lead}</strong>
        {award.members.length > 1 ? <> with {award.members.slice(1).join(', ')}</> : null}, at {money(award.cost)} under
        the published scoring model.
      </p>
    </Card>
  );
}
