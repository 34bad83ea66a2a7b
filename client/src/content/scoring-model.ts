/**
 * The published scoring model as written in docs/scoring-model.md, for the "How proposals are ranked"
 * page: one text for the repository's docs and the app, so they cannot drift apart.
 */
export { default as scoringModelMarkdown } from '../../../docs/scoring-model.md?raw';
