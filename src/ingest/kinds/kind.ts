// The kinds of source an import can hold, named once for the handlers, the store and the command line.
export const KINDS = ['survey', 'keyfigures', 'monitor', 'population', 'signals'] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}
