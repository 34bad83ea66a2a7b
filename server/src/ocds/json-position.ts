/**
 * Where a JSON text stops being JSON, as line and column. Node's JSON.parse
 * does not always say (Node 20 often gives only a snippet), so after it has
 * failed this scan finds the first offending offset. It keeps its own stack of
 * open brackets instead of recursing, so any depth of nesting is safe.
 */
export function jsonErrorLocation(text: string): { line: number; column: number } {
  const offset = firstErrorOffset(text);
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Stop extends Error {
  constructor(readonly offset: number) {
    super('invalid JSON');
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function firstErrorOffset(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (literal: string) => {
    for (const char of literal) {
      if (text[i] !== char) throw new Stop(i);
      i++;
    }
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) throw new Stop(i);
      i += text[i] === '\\' ? 2 : 1;
    }
    expect('"');
  };
  const scalar = () => {
    const char = text[i];
    if (char === '"') return string();
    if (char === 't') return expect('true');
    if (char === 'f') return expect('false');
    if (char === 'n') return expect('null');
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) throw new Stop(i);
    i = NUMBER.lastIndex;
  };
  /** The containers still open, innermost last: '}' or ']' is what closes each. */
  const open: string[] = [];

  const key = () => {
    space();
    string();
    space();
    expect(':');
  };
  /** Reads one value; of a container only its opening (and first key) is read, its members follow in the loop below. */
  const value = () => {
    for (;;) {
      space();
      const char = text[i];
      if (char === '{') {
        i++;
        space();
        if (text[i] === '}') return void i++;
        open.push('}');
        key();
        continue;
      }
      if (char === '[') {
        i++;
        space();
        if (text[i] === ']') return void i++;
        open.push(']');
        continue;
      }
      return scalar();
    }
  };

  try {
    value();
    // After each value: a comma continues the innermost container, its closer ends it.
    while (open.length > 0) {
      space();
      const closer = open[open.length - 1]!;
      if (text[i] === ',') {
        i++;
        if (closer === '}') key();
        value();
      } else {
        expect(closer);
        open.pop();
      }
    }
    space();
    return i < text.length ? i : Math.max(0, text.length - 1);
  } catch (error) {
    if (error instanceof Stop) return Math.min(error.offset, text.length);
    throw error;
  }
}
