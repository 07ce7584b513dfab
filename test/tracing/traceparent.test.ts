import fc from 'fast-check';
import { parseTraceparent } from '../../src/tracing/traceparent';

// W3C Trace Context, §3.2 "Traceparent Header" (https://www.w3.org/TR/trace-context/#traceparent-header).
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  test('reads the example of the specification (§3.2.2.1)', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${PARENT_ID}-01`)).toEqual({ traceId: TRACE_ID, parentId: PARENT_ID, flags: '01' });
    expect(parseTraceparent(`00-${TRACE_ID}-${PARENT_ID}-00`)).toEqual({ traceId: TRACE_ID, parentId: PARENT_ID, flags: '00' });
  });

  test('a later version is read for the fields version 00 knows, anything after them ignored (§3.2.4)', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${PARENT_ID}-01`)).toEqual({ traceId: TRACE_ID, parentId: PARENT_ID, flags: '01' });
    expect(parseTraceparent(`cc-${TRACE_ID}-${PARENT_ID}-09-what-the-future-brings`)).toEqual({
      traceId: TRACE_ID,
      parentId: PARENT_ID,
      flags: '09',
    });
    // A later version's fields are still separated by `-`.
    expect(parseTraceparent(`cc-${TRACE_ID}-${PARENT_ID}-09x`)).toBeUndefined();
  });

  test.each([
    ['version ff (forbidden)', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['version 00 with more after the flags', `00-${TRACE_ID}-${PARENT_ID}-01-extra`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['uppercase hex', `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['a short parent id', `00-${TRACE_ID}-${PARENT_ID.slice(1)}-01`],
    ['one-digit flags', `00-${TRACE_ID}-${PARENT_ID}-1`],
    ['another separator', `00_${TRACE_ID}_${PARENT_ID}_01`],
    ['surrounding spaces', ` 00-${TRACE_ID}-${PARENT_ID}-01 `],
    ['two headers joined by a comma', `00-${TRACE_ID}-${PARENT_ID}-01, 00-${TRACE_ID}-${PARENT_ID}-01`],
    ['a non-hex version', `0g-${TRACE_ID}-${PARENT_ID}-01`],
    ['empty', ''],
  ])('refuses %s', (_case, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  test.each([undefined, null, 42, ['00-x'], {}])('refuses a value that is not a string: %p', (value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

  test('reads every valid version-00 value back to its fields', () => {
    fc.assert(
      fc.property(hex(32), hex(16), hex(2), (traceId, parentId, flags) => {
        fc.pre(!/^0+$/.test(traceId) && !/^0+$/.test(parentId));
        expect(parseTraceparent(`00-${traceId}-${parentId}-${flags}`)).toEqual({ traceId, parentId, flags });
      }),
    );
  });

  test('whatever the input, a result has a 32-hex trace id that is not all zeros', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef-'), minLength: 50, maxLength: 70 })),
        (value) => {
          const parsed = parseTraceparent(value);
          if (parsed === undefined) return;
          expect(parsed.traceId).toMatch(/^[0-9a-f]{32}$/);
          expect(parsed.traceId).not.toMatch(/^0+$/);
          expect(parsed.parentId).toMatch(/^[0-9a-f]{16}$/);
          expect(value.startsWith('ff-')).toBe(false);
        },
      ),
    );
  });
});
