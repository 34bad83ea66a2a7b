/**
 * Validation messages in plain words. TypeBox and the server speak in schema
 * terms ("must match format \"email\"", "must be >= 1"); a firm owner should
 * read what to type instead. Fields are named by their last path segment.
 */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Rule = { keyword: string; limit?: number; format?: string };

const FIELD_SENTENCES: Record<string, (rule: Rule) => string | undefined> = {
  email: (rule) => (rule.keyword === 'required' ? undefined : 'Enter an email address like name@example.org'),
  password: (rule) =>
    rule.keyword === 'minLength' ? `Use at least ${plural(rule.limit ?? 10, 'character', 'characters')}` : undefined,
  homes: (rule) =>
    rule.keyword === 'minimum' ? `Enter at least ${plural(rule.limit ?? 1, 'home', 'homes')}` : undefined,
  quantity: (rule) =>
    rule.keyword === 'minimum' ? `Enter at least ${plural(rule.limit ?? 1, 'unit', 'units')}` : undefined,
  capacityPerMonth: (rule) =>
    rule.keyword === 'minimum' ? `Enter at least ${plural(rule.limit ?? 1, 'unit', 'units')} a month` : undefined,
  unitPrice: (rule) =>
    rule.keyword === 'minimum' || rule.keyword === 'exclusiveMinimum' ? 'Enter a price above £0' : undefined,
  employees: (rule) =>
    rule.keyword === 'minimum' ? `Enter at least ${plural(rule.limit ?? 1, 'person', 'people')}` : undefined,
  serviceRadiusKm: (rule) =>
    rule.keyword === 'minimum' || rule.keyword === 'exclusiveMinimum'
      ? 'Enter how far the firm travels, more than 0 km'
      : undefined,
  postcode: (rule) => (rule.keyword === 'required' ? undefined : 'Enter a UK postcode like B6 5RQ'),
  startDate: (rule) => (rule.keyword === 'format' ? 'Enter a real date, like 1 March 2027' : undefined),
  endDate: (rule) => (rule.keyword === 'format' ? 'Enter a real date, like 31 March 2027' : undefined),
  expires: (rule) => (rule.keyword === 'format' ? 'Enter the expiry date, like 31 January 2030' : undefined),
  token: () => 'This reset link has expired or has already been used; ask for a new one',
};

/** Generic wording for the schema keywords that have a number in them. */
function generic(rule: Rule): string | undefined {
  if (rule.keyword === 'minimum' && rule.limit !== undefined) return `must be at least ${rule.limit}`;
  if (rule.keyword === 'maximum' && rule.limit !== undefined) return `must be at most ${rule.limit}`;
  if (rule.keyword === 'exclusiveMinimum' && rule.limit !== undefined) return `must be more than ${rule.limit}`;
  if (rule.keyword === 'exclusiveMaximum' && rule.limit !== undefined) return `must be less than ${rule.limit}`;
  return undefined;
}

const fieldName = (path: string) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop() ?? path;

export function plainSentence(path: string, rule: Rule): string | undefined {
  return FIELD_SENTENCES[fieldName(path)]?.(rule) ?? generic(rule);
}

/** A server message in schema terms, read back into a rule ("must be >= 1" → minimum 1). */
export function ruleOfServerMessage(message: string): Rule | undefined {
  const compare = /^must be (>=|<=|>|<) (-?\d+(?:\.\d+)?)$/.exec(message);
  if (compare) {
    const keyword = { '>=': 'minimum', '<=': 'maximum', '>': 'exclusiveMinimum', '<': 'exclusiveMaximum' }[
      compare[1]!
    ]!;
    return { keyword, limit: Number(compare[2]) };
  }
  const format = /^must match format "([^"]+)"$/.exec(message);
  if (format) return { keyword: 'format', format: format[1]! };
  if (/^must (NOT have fewer|have at least) /.test(message) || /^must NOT be shorter/.test(message)) {
    const limit = /(\d+)/.exec(message);
    return { keyword: 'minLength', limit: limit ? Number(limit[1]) : undefined };
  }
  if (/^must match pattern/.test(message)) return { keyword: 'pattern' };
  return undefined;
}

/** The server's field message in plain words when it is in schema terms; a sentence it wrote stays. */
export function plainServerMessage(path: string, message: string): string {
  const rule = ruleOfServerMessage(message);
  if (!rule) return message;
  return plainSentence(path, rule) ?? (rule.keyword === 'format' ? 'is not in the expected form' : message);
}
