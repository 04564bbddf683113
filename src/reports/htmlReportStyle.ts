// The HTML report's style sheet, inlined into the page: the report is one file with no external
// resources, readable from a CI artifact or an e-mail attachment without a network.
export const htmlReportStyle = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1f23; }
body { margin: 2rem auto; max-width: 78rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #d8dbe0; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
.sub { color: #5b6270; margin-top: 0; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
th, td { border: 1px solid #d8dbe0; padding: .25rem .55rem; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td code { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { font-weight: 600; white-space: nowrap; }
.status-passed { color: #1a7f37; }
.status-failed { color: #cf222e; }
.status-errored { color: #8250df; }
.status-skipped { color: #9a6700; }
.status-not-applicable { color: #6e7781; }
tr.row-failed { background: #fff1f0; }
tr.row-errored { background: #f7f2ff; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
pre { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 4px; padding: .6rem .8rem; overflow-x: auto; }
.replay code { background: #f6f8fa; padding: .15rem .35rem; border-radius: 3px; word-break: break-all; }
.failure { border-left: 4px solid #cf222e; padding-left: 1rem; margin-top: 1.5rem; }
.failure.errored { border-left-color: #8250df; }
.basis { color: #5b6270; font-style: italic; }
.timeline-wrap { margin: 0; overflow-x: auto; border: 1px solid #e1e4e8; border-radius: 4px; background: #fff; }
svg.timeline { display: block; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
svg .lane { fill: transparent; }
svg .lane.odd { fill: rgba(0, 0, 0, .035); }
svg .lane-label { font-size: 12px; font-weight: 600; fill: #1d1f23; }
svg .tick { stroke: #e4e6ea; }
svg .time, svg .index { font-size: 10px; fill: #5b6270; text-anchor: middle; }
svg .bar { stroke: rgba(0, 0, 0, .35); stroke-width: .8; }
svg .bar.open { fill-opacity: .55; }
svg .kind { font-size: 8px; fill: #57606a; text-anchor: middle; }
svg .bar-label { font-size: 9px; fill: #111; pointer-events: none; }
svg .ev-invoke { fill: #fff; stroke: #1d1f23; stroke-width: 1.3; }
svg .ev-ok { fill: #1d1f23; }
svg .ev-info { fill: #57606a; }
svg .ev-cross { stroke: #b3261e; stroke-width: 2.2; }
svg line.phase { stroke: #6e7781; stroke-dasharray: 4 3; }
svg .phase-label { font-size: 10px; fill: #57606a; text-anchor: middle; }
svg .mark-col { fill: #ffd7d5; }
svg .mark { fill: none; stroke: #d1242f; stroke-width: 2.5; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; font-size: .82rem; color: #3d434d; margin: .4rem 0; }
.legend span { display: inline-flex; align-items: center; gap: .3rem; }
.swatch { display: inline-block; width: 1.4rem; height: .7rem; border-radius: 2px; border: 1px solid rgba(0, 0, 0, .35); }
.ring { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; border: 2.5px solid #d1242f; background: #ffd7d5; }
`;
