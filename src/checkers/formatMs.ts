// Times as the clock can resolve them: model mode's virtual ms are exact (whole multiples of the
// workload's 5 ms steps, or what a pool's own timers add), live mode's are real and printed to
// 0.1 ms; thousands are grouped ("2,540 ms") so long drains read at a glance.
const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `ms` rounded to 0.1 ms and grouped, without the unit: `2,540`, `12.3`. */
export const formatMs = (ms: number): string => format.format(Math.round(ms * 10) / 10);
