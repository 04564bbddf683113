// Whether the pool's documentation promises a rule a verdict judged, in words, from the verdict's
// `basis` when the report has one (a string `promised` / `silent`, or the adapter's Basis object
// with a `promised` or `silent` sentence). Reports without it say nothing here.
export function basisNote(basis: unknown): string {
  const has = (k: string) => basis === k || (typeof basis === 'object' && basis !== null && k in basis);
  if (has('promised')) return 'the documentation promises it';
  if (has('silent')) return "poolcheck's contract; the documentation is silent";
  return '';
}
