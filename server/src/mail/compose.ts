/** Plain text and simple HTML from the same few parts, so every mail reads the same in both. */
export interface MailContent {
  subject: string;
  /** Paragraphs of plain words; no markup. */
  paragraphs: readonly string[];
  /** Optional list (lots of a digest, say), each item with its own link. */
  items?: readonly { text: string; link: string }[];
  link: string;
  linkText: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function compose(content: MailContent, greetingName: string, unsubscribe?: { link: string; what: string }) {
  const greeting = `Hello ${greetingName},`;
  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.items?.length ? [...content.items.map((i) => `- ${i.text}: ${i.link}`), ''] : []),
    `${content.linkText}: ${content.link}`,
    '',
    '— Lepa',
    ...(unsubscribe ? ['', `To stop ${unsubscribe.what}, open ${unsubscribe.link}`] : []),
  ].join('\n');
  const html = [
    '<!doctype html><html lang="en"><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.items?.length
      ? [
          '<ul>',
          ...content.items.map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(i.text)}</a></li>`),
          '</ul>',
        ]
      : []),
    `<p><a href="${escapeHtml(content.link)}">${escapeHtml(content.linkText)}</a></p>`,
    '<p>— Lepa</p>',
    ...(unsubscribe
      ? [
          `<p style="font-size: smaller">To stop ${escapeHtml(unsubscribe.what)}, <a href="${escapeHtml(unsubscribe.link)}">unsubscribe</a>.</p>`,
        ]
      : []),
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
