import { useEffect, useMemo, useRef, useState } from 'react';
import type { Opportunity, OpportunityHint } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import { EMPTY_OPPORTUNITIES } from '../../store/opportunities.ts';
import { liveSocket } from '../../live/socket.ts';
import { paths } from '../../routing.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { Card, FieldRow, Page } from '../../ui/layout.tsx';
import { Badge, EmptyState, Loading, Notice } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { day, km } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';
import { RegionMap } from '../../ui/map/RegionMap.tsx';
import { districtOf } from '../../ui/map/districts.ts';
import { NO_FILTERS, filterOpportunities, type OpportunityFilters } from './filters.ts';
import { boardsMoved } from './board-news.ts';

const STATUS_WORDS: Record<Opportunity['status'], { label: string; tone: 'good' | 'accent' | 'warn' }> = {
  proposed: { label: 'Proposed', tone: 'good' },
  eligible: { label: 'Eligible', tone: 'accent' },
  'near-miss': { label: 'Near miss', tone: 'warn' },
};

const areaOf = (item: Opportunity) => districtOf(item.lot.location) ?? 'Outside the region';

/** Open lots a firm could reach or nearly reach, what it would take to join each, kept live as boards change. */
export function OpportunitiesScreen({ smeId }: { smeId: string }) {
  const { firm, page, loadMyFirms, loadOpportunities } = useApp((state) => ({
    firm: state.smes.mine.find((sme) => sme.id === smeId),
    page: state.opportunities[smeId] ?? EMPTY_OPPORTUNITIES,
    loadMyFirms: state.loadMyFirms,
    loadOpportunities: state.loadOpportunities,
  }));
  const [filters, setFilters] = useState<OpportunityFilters>(NO_FILTERS);
  const lotIds = page.items.map((item) => item.lot.id);
  const lotKey = lotIds.join(',');
  // Every board version of the listed lots: when one moves, where the firm stands may have moved too.
  const versions = useApp((state) => lotIds.map((id) => state.boards[id]?.snapshot?.version ?? 0).join(','));

  useEffect(() => {
    void loadMyFirms();
    void loadOpportunities(smeId);
  }, [smeId, loadMyFirms, loadOpportunities]);

  useEffect(() => {
    const unwatch = lotKey === '' ? [] : lotKey.split(',').map((lotId) => liveSocket.watch(lotId));
    return () => unwatch.forEach((stop) => stop());
  }, [lotKey]);

  const seenVersions = useRef(new Map<string, number>());
  useEffect(() => {
    const shown = versions.split(',').map(Number);
    const ids = lotKey === '' ? [] : lotKey.split(',');
    if (boardsMoved(seenVersions.current, new Map(ids.map((id, index) => [id, shown[index] ?? 0])))) {
      void loadOpportunities(smeId);
    }
  }, [versions, lotKey, smeId, loadOpportunities]);

  const shown = useMemo(() => filterOpportunities(page.items, filters, areaOf), [page.items, filters]);
  const skills = [...new Set(page.items.flatMap((item) => item.skills))].sort();
  const areas = [...new Set(page.items.map(areaOf))].sort();

  return (
    <Page
      title={firm ? `Lots near ${firm.name}` : 'Lots near me'}
      actions={<LinkButton href={paths.firm(smeId)}>Edit profile</LinkButton>}
    >
      {page.error ? <Notice kind="error">{page.error}</Notice> : null}
      {page.status === 'loading' ? <Loading what="lots near you" /> : null}
      {page.status === 'ready' && page.items.length === 0 ? (
        <EmptyState title="No open lots within reach">
          <p>Lots you could reach, or nearly reach, appear here as providers post them.</p>
        </EmptyState>
      ) : null}
      {page.items.length > 0 ? (
        <>
          <Card title="Filter and sort">
            <FieldRow>
              <SelectField
                label="Skill"
                value={filters.skill}
                onChange={(skill) => setFilters({ ...filters, skill })}
                options={[
                  { value: '', label: 'Any of my skills' },
                  ...skills.map((s) => ({ value: s, label: skillLabel(s) })),
                ]}
              />
              <SelectField
                label="Area"
                value={filters.area}
                onChange={(area) => setFilters({ ...filters, area })}
                options={[{ value: '', label: 'Anywhere' }, ...areas.map((a) => ({ value: a, label: a }))]}
              />
              <TextField
                label="Starting from"
                type="date"
                value={filters.startsFrom}
                onChange={(startsFrom) => setFilters({ ...filters, startsFrom })}
              />
              <SelectField
                label="Sort by"
                value={filters.sort}
                onChange={(sort) => setFilters({ ...filters, sort: sort as OpportunityFilters['sort'] })}
                options={[
                  { value: 'distance', label: 'Distance' },
                  { value: 'start', label: 'Start date' },
                ]}
              />
            </FieldRow>
          </Card>
          {firm ? (
            <Card title="Map">
              <RegionMap
                caption={`${firm.name} and the lots near it`}
                firms={[
                  {
                    id: firm.id,
                    name: firm.name,
                    location: firm.location,
                    radiusKm: firm.serviceRadiusKm,
                    role: 'firm',
                    highlight: true,
                  },
                ]}
                lots={shown.map((item) => ({
                  id: item.lot.id,
                  name: item.lot.title,
                  location: item.lot.location,
                  highlight: item.status === 'proposed',
                  detail: `${STATUS_WORDS[item.status].label}, ${km(item.distanceKm)} away, starts ${day(item.lot.startDate)}`,
                }))}
              />
            </Card>
          ) : null}
          <p role="status">
            {shown.length} of {page.items.length} {page.items.length === 1 ? 'lot' : 'lots'} shown, updated live
          </p>
          <div className="card-list">
            {shown.map((item) => (
              <OpportunityCard key={item.lot.id} smeId={smeId} item={item} />
            ))}
          </div>
        </>
      ) : null}
    </Page>
  );
}

function OpportunityCard({ smeId, item }: { smeId: string; item: Opportunity }) {
  const status = STATUS_WORDS[item.status];
  return (
    <Card title={item.lot.title} actions={<LinkButton href={paths.board(item.lot.id)}>Live board</LinkButton>}>
      <p className="meta">
        <Badge tone={status.tone}>{status.label}</Badge>{' '}
        {item.bestRank !== null ? `in proposal ${item.bestRank} · ` : ''}
        {km(item.distanceKm)} away · {areaOf(item)} · {day(item.lot.startDate)} to {day(item.lot.endDate)}
      </p>
      <p className="meta">Your skills it needs: {item.skills.map(skillLabel).join(', ')}</p>
      {item.hints.length > 0 ? (
        <ul className="hints" aria-label="What it would take">
          {item.hints.map((hint) => (
            <HintItem key={`${hint.kind}:${hint.skill}`} smeId={smeId} hint={hint} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function HintItem({ smeId, hint }: { smeId: string; hint: OpportunityHint }) {
  const followHint = useApp((state) => state.followHint);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const follow = async () => {
    setBusy(true);
    setError(null);
    const result = await followHint(smeId, hint);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };
  return (
    <li className="hint">
      <span>{hint.message.charAt(0).toUpperCase() + hint.message.slice(1)}</span>{' '}
      <Button
        variant="quiet"
        busy={busy}
        onClick={() => void follow()}
        aria-label={`Make this change: ${hint.message}`}
      >
        Make this change
      </Button>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </li>
  );
}
