import { useEffect, useState, type FormEvent } from 'react';
import { haversineKm, type Consortium, type ConsortiumChange, type Proposal, type Skill, type Sme } from '@lepa/shared';
import { useApp } from '../../store/index.ts';
import type { FirmSkillProblem } from '../../store/action-result.ts';
import { Button } from '../../ui/Button.tsx';
import { Card } from '../../ui/layout.tsx';
import { EmptyState, Notice } from '../../ui/feedback.tsx';
import { NumberField, SelectField } from '../../ui/fields.tsx';
import { km } from '../../ui/format.ts';
import { skillLabel } from '../../ui/vocabulary.ts';
import { alternativesFromProposals, previewSwap, swappedMemberIds, type SwapCandidate } from './swap-preview.ts';
import { SwapPreviewFigures } from './SwapPreviewFigures.tsx';
import { ProblemList } from './ProblemList.tsx';

const NO_PROPOSALS: readonly Proposal[] = [];
const DEFAULT_RADIUS_KM = '30';

interface SwapPanelProps {
  consortium: Consortium;
  outgoingId: string;
  onDone: (change: ConsortiumChange) => void;
  onCancel: () => void;
}

/** Replace one member: pick a firm from the other proposals or a search, see the cost change, then confirm. */
export function SwapPanel({ consortium, outgoingId, onDone, onCancel }: SwapPanelProps) {
  const { lot, proposals, firms, searchFirms, loadFirms, replaceMembers } = useApp((state) => ({
    lot: state.lots.byId[consortium.lotId],
    proposals: state.boards[consortium.lotId]?.snapshot?.proposals ?? NO_PROPOSALS,
    firms: state.smes.byId,
    searchFirms: state.searchFirms,
    loadFirms: state.loadFirms,
    replaceMembers: state.replaceMembers,
  }));
  const outgoing = consortium.members.find((m) => m.smeId === outgoingId);
  const skills = outgoing?.assignments.map((a) => a.skill) ?? [];
  const [searchSkill, setSearchSkill] = useState<string>(skills[0] ?? '');
  const [radiusKm, setRadiusKm] = useState(DEFAULT_RADIUS_KM);
  const [found, setFound] = useState<Sme[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; problems: FirmSkillProblem[] } | null>(null);

  const alternatives = alternativesFromProposals(consortium, outgoingId, proposals);
  const alternativeIds = alternatives.map((a) => a.smeId).join(',');
  useEffect(() => {
    // Estimates need the firms' prices and locations, which proposals do not carry.
    if (alternativeIds) void loadFirms(alternativeIds.split(','));
  }, [alternativeIds, loadFirms]);

  if (!outgoing) return null;
  const candidates = [...alternatives, ...searchCandidates(found ?? [], consortium, alternatives, lot?.location)];
  const incoming = selected ? firms[selected] : undefined;
  const preview = incoming && lot ? previewSwap({ consortium, outgoingId, incoming, lot, proposals }) : null;

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!lot) return;
    const radius = Number(radiusKm);
    if (!(radius > 0)) return setSearchError('Search radius must be more than 0 km');
    setSearchError(null);
    const result = await searchFirms(searchSkill as Skill, lot.location, radius);
    if (result.ok) setFound(result.value);
    else setSearchError(result.message);
  }

  async function confirm() {
    if (!selected) return;
    setBusy(true);
    const result = await replaceMembers(consortium.id, swappedMemberIds(consortium, outgoingId, selected));
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setFailure({ message: result.message, problems: result.problems });
  }

  return (
    <Card title={`Replace ${outgoing.name}`} className="swap">
      <p className="meta">
        {outgoing.name} does {outgoing.assignments.map((a) => `${skillLabel(a.skill)} × ${a.quantity}`).join(', ')}.
        Choose a firm to do this work instead.
      </p>
      <form className="swap__search" onSubmit={(event) => void search(event)} aria-label="Search firms">
        <SelectField
          label="Skill"
          value={searchSkill}
          onChange={setSearchSkill}
          options={skills.map((skill) => ({ value: skill, label: skillLabel(skill) }))}
        />
        <NumberField
          label="Search radius"
          unit="km from the lot"
          value={radiusKm}
          onChange={setRadiusKm}
          min={1}
          max={1000}
          step={1}
          error={searchError ?? undefined}
        />
        <Button type="submit">Search firms</Button>
      </form>
      {candidates.length === 0 ? (
        <EmptyState
          title={
            found
              ? 'No other firm offers this skill within that distance'
              : 'No other proposal has a firm for this work'
          }
        >
          <p>{found ? 'Try a wider search.' : 'Search for firms offering the skill near the lot.'}</p>
        </EmptyState>
      ) : (
        <fieldset className="choice">
          <legend className="field__label">Replacement firm</legend>
          {candidates.map((candidate) => (
            <label key={candidate.smeId} className="choice__option">
              <input
                type="radio"
                name={`swap-${outgoingId}`}
                value={candidate.smeId}
                checked={selected === candidate.smeId}
                onChange={() => setSelected(candidate.smeId)}
              />
              <span>
                {candidate.name}
                <span className="choice__hint">
                  {km(candidate.distanceKm)} from the lot ·{' '}
                  {candidate.source === 'search' ? 'found by search' : `in proposal ${candidate.source.rank}`}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {selected && !preview ? <p className="loading">Loading the firm’s prices…</p> : null}
      {preview ? <SwapPreviewFigures preview={preview} before={consortium.cost} /> : null}
      {failure ? (
        <Notice kind="error">
          {failure.message}
          <ProblemList problems={failure.problems} />
        </Notice>
      ) : null}
      <div className="card__footer">
        <Button variant="primary" busy={busy} disabled={!selected} onClick={() => void confirm()}>
          Confirm swap
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </Card>
  );
}

function searchCandidates(
  found: readonly Sme[],
  consortium: Consortium,
  alternatives: readonly SwapCandidate[],
  lot: { lat: number; lon: number } | undefined,
): SwapCandidate[] {
  const taken = new Set([...consortium.members.map((m) => m.smeId), ...alternatives.map((a) => a.smeId)]);
  return found
    .filter((sme) => !taken.has(sme.id))
    .map((sme) => ({
      smeId: sme.id,
      name: sme.name,
      distanceKm: lot ? haversineKm(sme.location, lot) : 0,
      source: 'search' as const,
    }));
}
