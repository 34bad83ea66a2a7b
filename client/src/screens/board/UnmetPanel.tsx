import type { Unmet } from '@lepa/shared';
import { Card } from '../../ui/layout.tsx';
import { Badge } from '../../ui/feedback.tsx';
import { skillLabel } from '../../ui/vocabulary.ts';

const REASONS: Record<Unmet['reason'], string> = {
  'no-firm': 'No firm offers it',
  certification: 'Certification',
  distance: 'Too far',
  capacity: 'Not enough capacity',
  'member-limit': 'Member limit',
};

/** Why the lot cannot be covered, skill by skill, in the engine's own words. */
export function UnmetPanel({ unmet }: { unmet: readonly Unmet[] }) {
  return (
    <Card title="Why not coverable" className="unmet">
      <ul className="unmet__list">
        {unmet.map((entry) => (
          <li key={`${entry.skill ?? 'lot'}-${entry.reason}`} className="unmet__item">
            <p className="unmet__skill">
              <strong>{skillLabel(entry.skill)}</strong> <Badge tone="bad">{REASONS[entry.reason]}</Badge>
            </p>
            <p>{entry.message}</p>
            <p className="meta">
              Short by {entry.shortfall} {entry.skill === null ? (entry.shortfall === 1 ? 'firm' : 'firms') : 'units'}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
