import { TableScroll } from '../../ui/layout.tsx';
import { money } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';
import type { SwapPreview } from './swap-preview.ts';
import { CostChange } from './CostChange.tsx';

/** Before and after a swap, before the lead confirms it. */
export function SwapPreviewFigures({ preview, before }: { preview: SwapPreview; before: number }) {
  return (
    <div className="swap__preview" aria-label="Swap preview" role="group">
      <CostChange before={before} after={preview.cost} change={preview.costChange} estimate={!preview.exact} />
      <p className="meta">
        {preview.exact
          ? 'This member set is one of the live proposals: these are its figures.'
          : 'Estimate, if the new firm takes over exactly this work. Lepa computes the cheapest split for the new members when you confirm; it costs no more than this when the firm has the capacity.'}
      </p>
      {preview.uncovered.length > 0 ? (
        <p className="field__error">
          The new firm does not offer {preview.uncovered.map(skillLabel).join(', ')}: another member must take it on, or
          the swap is refused.
        </p>
      ) : null}
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
