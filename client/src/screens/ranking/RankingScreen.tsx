import { Card, Page } from '../../ui/layout.tsx';
import { RANKING_SECTIONS, RANKING_SUMMARY } from './ranking-text.ts';

/** The published scoring model in plain words, linked from every board. */
export function RankingScreen() {
  return (
    <Page title="How proposals are ranked">
      <p className="lead">{RANKING_SUMMARY}</p>
      {RANKING_SECTIONS.map((section) => (
        <Card key={section.heading}>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph.slice(0, 40)}>{paragraph}</p>
          ))}
        </Card>
      ))}
    </Page>
  );
}
