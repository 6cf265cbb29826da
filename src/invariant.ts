// A value the surrounding code guarantees is there; its absence is a bug in safety-scan, never the user's input.
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`safety-scan invariant broken: ${what} is missing`);
  return value;
}
