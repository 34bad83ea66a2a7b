import { useEffect, useState } from 'react';
import { useApp } from '../../store/index.ts';
import { allocationKey } from '../../store/programmes.ts';
import { paths } from '../../routing.ts';
import { Card, Page } from '../../ui/layout.tsx';
import { Loading, Notice } from '../../ui/feedback.tsx';
import { RegionMap } from '../../ui/map/RegionMap.tsx';
import { TotalsTable } from './TotalsTable.tsx';
import { ParetoChart } from './ParetoChart.tsx';
import { AllocatedLots } from './AllocatedLots.tsx';

/**
 * One programme: its reach allocation at the chosen cost tolerance beside
 * cheapest-first award, the cost/firms trade-off over tolerances, and a map
 * of the lots and the firms that get work.
 */
export function ProgrammeScreen({ programmeId }: { programmeId: string }) {
  const [tolerance, setTolerance] = useState(2);
  const { programme, allocation, error, pareto, loadProgrammes, loadAllocation, loadPareto } = useApp((state) => ({
    programme: state.programmes.list.find((candidate) => candidate.id === programmeId),
    allocation: state.programmes.allocations[allocationKey(programmeId, tolerance)],
    error: state.programmes.allocationErrors[allocationKey(programmeId, tolerance)],
    pareto: state.programmes.pareto[programmeId],
    loadProgrammes: state.loadProgrammes,
    loadAllocation: state.loadAllocation,
    loadPareto: state.loadPareto,
  }));

  useEffect(() => {
    void loadProgrammes();
  }, [loadProgrammes]);
  useEffect(() => {
    void loadAllocation(programmeId, tolerance);
  }, [programmeId, tolerance, loadAllocation]);
  useEffect(() => {
    void loadPareto(programmeId);
  }, [programmeId, loadPareto]);

  const title = programme ? programme.name : 'Programme';
  const maxValue = Math.max(0, ...(allocation?.firms.map((firm) => firm.contractValue) ?? []));

  return (
    <Page title={title}>
      <p>
        <a href={paths.programmes()}>All programmes</a>
      </p>
      <Card title="Cost tolerance">
        <label htmlFor="tolerance" className="field__label">
          Spend up to {tolerance}% more than the cheapest allocation to give work to more local firms
        </label>
        <input
          id="tolerance"
          type="range"
          min={0}
          max={10}
          step={1}
          value={tolerance}
          onChange={(event) => setTolerance(Number(event.target.value))}
          aria-valuetext={`${tolerance} percent`}
        />
      </Card>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {!allocation && !error ? <Loading what="the allocation" /> : null}
      {allocation ? (
        <>
          <Card title="Totals beside cheapest-first award">
            <TotalsTable allocation={allocation} />
          </Card>
          <Card title="Cost against firms with work">
            {pareto ? <ParetoChart points={pareto} current={tolerance} /> : <Loading what="the trade-off" />}
          </Card>
          <Card title="Where the work goes">
            <RegionMap
              caption={`Lots of ${title} and the firms that get work`}
              lots={allocation.lots.flatMap((lot) =>
                lot.location ? [{ id: lot.lotId, name: lot.title ?? lot.lotId, location: lot.location }] : [],
              )}
              firms={allocation.firms.map((firm) => ({
                id: firm.smeId,
                name: firm.name,
                location: firm.location,
                weight: firm.contractValue,
                highlight: firm.contractValue === maxValue,
                role: 'member' as const,
                detail: `£${Math.round(firm.contractValue).toLocaleString('en-GB')} of work`,
              }))}
            />
          </Card>
          <Card title="Recommended consortium per lot">
            <AllocatedLots allocation={allocation} />
          </Card>
        </>
      ) : null}
    </Page>
  );
}
