import type { Finding, Violation } from './Violation.ts';

/** The findings that are violations, leaving out the runs' "not judged" notes. */
export const violationsIn = (findings: readonly Finding[]): Violation[] => findings.filter((f): f is Violation => !('notJudged' in f));
