// One colour per server connection, so the same connection reads as the same colour in every lane
// of a timeline: on the borrower that leases it and on the server's session. Red is left out of
// the palette: it marks the events that break a rule.

// Tableau 10 without its red, then evenly spread hues for runs with more connections.
const PALETTE = ['#4e79a7', '#f28e2b', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Colours by connection id, in the order the connections first appear in the history. */
export function connectionColors(conns: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const conn of conns) {
    if (out.has(conn)) continue;
    const k = out.size;
    // The golden angle keeps neighbouring extra hues apart; hues 30..330 leave red out.
    out.set(conn, PALETTE[k] ?? `hsl(${30 + (((k - PALETTE.length) * 137.5) % 300)} 55% 55%)`);
  }
  return out;
}
