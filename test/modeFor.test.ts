// Where an adapter runs: model mode where it has a model form, live mode otherwise; a mode it
// does not have is a usage error, never a silent switch.
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import { liveDatabaseOf, modeFor } from '../src/runner/modeFor.ts';

const liveOnly = { ...referenceAdapter, name: 'live-only', runsOn: { model: false, live: 'mysql' as const } };
const modelOnly = { ...referenceAdapter, name: 'model-only', runsOn: { model: true, live: null } };

describe('modeFor', () => {
  it('auto picks model mode where the adapter has a model form, else live', () => {
    expect(modeFor(referenceAdapter, 'auto')).toBe('model');
    expect(modeFor(liveOnly, 'auto')).toBe('live');
    expect(liveDatabaseOf(liveOnly)).toBe('mysql');
    expect(liveDatabaseOf(referenceAdapter)).toBe('postgres');
  });

  it('a mode the adapter does not have is a usage error that says which to use', () => {
    expect(() => modeFor(liveOnly, 'model')).toThrow(/live-only has no model form.*--mode live/);
    expect(() => modeFor(modelOnly, 'live')).toThrow(/model-only has no live form.*--mode model/);
    expect(modeFor(liveOnly, 'live')).toBe('live');
  });

  it('validateAdapter refuses a runsOn it cannot read, or one with no mode at all', () => {
    expect(() => validateAdapter('x', { ...referenceAdapter, runsOn: { model: 'yes', live: null } })).toThrow(/runsOn/);
    expect(() => validateAdapter('x', { ...referenceAdapter, runsOn: { model: true, live: 'oracle' } })).toThrow(/runsOn/);
    expect(() => validateAdapter('x', { ...referenceAdapter, runsOn: { model: false, live: null } })).toThrow(/neither mode/);
    expect(validateAdapter('x', liveOnly).runsOn).toEqual({ model: false, live: 'mysql' });
  });
});
