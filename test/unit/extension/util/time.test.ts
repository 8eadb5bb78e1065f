import assert from 'node:assert/strict';
import { formatApiTime, parseApiTime } from '../../../../extension/src/util/time';

describe('extension util/time', () => {
  it('reads Go’s time.String() with nanoseconds and a zone name', () => {
    assert.equal(parseApiTime('2026-03-04 15:04:05.123456789 +0000 UTC')?.toISOString(), '2026-03-04T15:04:05.123Z');
    assert.equal(parseApiTime('2026-03-04 15:04:05 -0500 EST')?.toISOString(), '2026-03-04T20:04:05.000Z');
  });

  it('reads RFC 3339 and Unix seconds', () => {
    assert.equal(parseApiTime('2026-03-04T15:04:05Z')?.toISOString(), '2026-03-04T15:04:05.000Z');
    assert.equal(parseApiTime(1772636645)?.toISOString(), '2026-03-04T15:04:05.000Z');
  });

  it('gives undefined for nothing or nonsense, and formats in the given locale', () => {
    assert.equal(parseApiTime(''), undefined);
    assert.equal(parseApiTime('yesterday'), undefined);
    assert.equal(formatApiTime('yesterday'), 'yesterday', 'an unreadable value is shown as is, never hidden');
    const text = formatApiTime('2026-03-04 15:04:05.1 +0000 UTC', 'en-GB')!;
    assert.match(text, /4 Mar 2026/);
    assert.doesNotMatch(text, /\+0000|UTC/);
  });
});
