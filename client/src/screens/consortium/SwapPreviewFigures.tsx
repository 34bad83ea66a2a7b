import { TableScroll } from '../../ui/layout.tsx';
import { money } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';
import type { SwapPreview } from './swap-preview.ts';
import { CostChange } from './CostChange.tsx';

/** Before and after a swap, before the lead confirms it. */
export function SwapPreviewFigures({ preview, before }: { preview: SwapPreview; before: number }) {
  return (
    <div className="swap__preview" aria-label="Swap preview" role="group">
      <CostChange before={before} after={preview.cost} change={preview.costChange} />
      <p className="meta">The cheapest split for the new members: confirming the swap gives exactly this.</p>
      <TableScroll label={'The split after the swap'}>
        <table className="table">
          <caption className="visually-hidden">The split after the swap</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Work after the swap</th>
            </tr>
          </thead>
          <tbody>
            {preview.members.map((member) => (
              <tr key={member.smeId}>
                <th scope="row">{member.name}</th>
                <td>
                  {member.assignments
                    .map((a) => `${skillLabel(a.skill)}: ${a.quantity} × ${money(a.unitCost)}`)
                    .join('; ') || 'none'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
