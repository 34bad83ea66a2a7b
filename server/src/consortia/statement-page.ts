/** The social value statement as a printable page a housing officer can attach to the tender return. */
import {
  OWNERSHIPS,
  QUOTED_WORK_TERM,
  SKILL_LABELS,
  SOCIAL_VALUE_TERMS,
  type SocialValueStatement,
  type SocialValueSummary,
} from '@lepa/shared';
import { longDate } from '../mail/words.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const pct = (value: number) => `${value.toFixed(1)}%`;
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const ownership = (code: (typeof OWNERSHIPS)[number]) => code.replace(/-/g, ' ');

const STYLE = `
  :root { color-scheme: light; }
  body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
  .meta { color: #444; margin: 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .5rem; }
  .figure { border: 1px solid #ccc; border-radius: 4px; padding: .5rem .75rem; }
  .figure strong { display: block; font-size: 1.4rem; }
  .figure small { display: block; color: #444; font-size: 9pt; margin-top: .2rem; }
  .bar { height: .4rem; background: #e5e5e5; margin-top: .3rem; }
  .bar span { display: block; height: 100%; background: #1f6f43; }
  ol { padding-left: 1.25rem; }
  footer { margin-top: 2rem; color: #555; font-size: 9pt; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10pt; }
    .figure, tr { break-inside: avoid; }
    .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    a { color: inherit; text-decoration: none; }
  }
`;

/** A figure with its label and one-line explanation from the shared vocabulary the screens use. */
function figure(key: keyof SocialValueSummary, value: string, sharePct?: number): string {
  const term = SOCIAL_VALUE_TERMS[key]!;
  const bar =
    sharePct === undefined
      ? ''
      : `<div class="bar" aria-hidden="true"><span style="width:${Math.min(100, Math.max(0, sharePct))}%"></span></div>`;
  return `<div class="figure"><strong>${escape(value)}</strong>${escape(term.label)}${bar}<small>${escape(term.explanation)}</small></div>`;
}

export function statementPage(statement: SocialValueStatement): string {
  const f = statement.figures;
  const shares = [
    'localSharePct',
    'microFirmSharePct',
    'smallFirmSharePct',
    'realLivingWageSharePct',
    'nonSubsidiarySharePct',
    'charterSignatorySharePct',
  ] as const;
  const rows = statement.members
    .map(
      (m) => `<tr>
        <td>${escape(m.name)}</td>
        <td>${escape(m.skills.map((s) => SKILL_LABELS[s]).join(', '))}</td>
        <td class="num">${m.distanceKm.toFixed(1)} km</td>
        <td class="num">${m.employees}</td>
        <td>${escape(ownership(m.ownership))}</td>
        <td>${yesNo(m.realLivingWage)}</td>
        <td class="num">${m.apprentices}</td>
        <td class="num">${pct(m.localEmployeesPct)}</td>
        <td>${yesNo(m.charterSignatory)}</td>
        <td class="num">${escape(gbp.format(m.contractValue))}</td>
      </tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Social value statement: ${escape(statement.lotTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <h1>Social value statement</h1>
  <p class="meta">${escape(statement.lotTitle)} · bid ${escape(statement.consortiumId)} (${escape(statement.status)}) · as of ${escape(longDate(statement.asOf))}</p>

  <h2>Figures</h2>
  <div class="figures">
    ${figure('contractValue', gbp.format(f.contractValue))}
    ${shares.map((key) => figure(key, pct(f[key]), f[key])).join('\n    ')}
    ${figure('apprentices', String(f.apprentices))}
  </div>

  <h2>Members</h2>
  <table>
    <thead><tr><th>Firm</th><th>Work</th><th class="num">Distance</th><th class="num">Staff</th><th>Ownership</th><th>${escape(SOCIAL_VALUE_TERMS.realLivingWage!.label)}</th><th class="num">Apprentices</th><th class="num">${escape(SOCIAL_VALUE_TERMS.localEmployeesPct!.label)}</th><th>${escape(SOCIAL_VALUE_TERMS.charterSignatory!.label)}</th><th class="num">Paid (quoted work)</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>

  <p class="meta">${escape(QUOTED_WORK_TERM.label)}: ${escape(QUOTED_WORK_TERM.explanation)}</p>

  <h2>Method</h2>
  <ol>${statement.method.map((line) => `<li>${escape(line)}</li>`).join('')}</ol>
</main>
<footer>Produced by Lepa from the members' own profiles. Bid cost under the published scoring model: ${escape(gbp.format(statement.cost))}.</footer>
</body>
</html>`;
}
