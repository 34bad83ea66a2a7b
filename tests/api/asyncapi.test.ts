import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { ServerMessage } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * The websocket protocol as published at /docs/asyncapi.json: an AsyncAPI 3 document the official
 * parser accepts with no error diagnostics, naming every message the server sends (the members of
 * the shared ServerMessage union the hub is typed with).
 */
describe('the AsyncAPI document', () => {
  let test: TestApp;
  let document: any;
  beforeAll(async () => {
    test = await startTestApp();
    const response = await test.app.inject({ method: 'GET', url: '/docs/asyncapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(() => test?.close());

  it('parses with @asyncapi/parser with no errors', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics
      .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
      .map((diagnostic) => `${diagnostic.path.join('/')}: ${diagnostic.message}`);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning);
    if (warnings.length) console.log(`AsyncAPI warnings: ${warnings.map((w) => w.message).join('; ')}`);
  });

  it('describes every server message with the schema the code uses', () => {
    const messages = document.channels.live.messages as Record<string, { payload: unknown }>;
    for (const schema of ServerMessage.anyOf) {
      const type = schema.properties.type.const;
      expect(messages[type]?.payload, `server message "${type}"`).toEqual(JSON.parse(JSON.stringify(schema)));
    }
    expect(Object.keys(messages)).toEqual(
      expect.arrayContaining(['auth', 'subscribe', 'unsubscribe', 'proposals', 'invitation', 'bid']),
    );
  });
});
