/**
 * A span of document text. Offsets are UTF-16 code units from the start of the
 * document as the editor holds it (a BOM, when present, is offset 0); `end` is
 * exclusive. Every range in the core uses this shape; conversion to line/character
 * positions happens once, at the edge (see `features/positions.ts`).
 */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Builds an {@link OffsetRange}; `end` is clamped so it is never before `start`. */
export function range(start: number, end: number): OffsetRange {
  return { start, end: Math.max(start, end) };
}

/**
 * Moves a range itself by `by`. Only for results kept with a parsed piece, when the
 * version that held them is retired (see `perPiece`): everywhere else ranges are values.
 */
export function shiftRange(target: OffsetRange, by: number): void {
  const mutable = target as { start: number; end: number };
  mutable.start += by;
  mutable.end += by;
}

/** True when `inner` lies entirely inside `outer` (both end-exclusive). */
export function contains(outer: OffsetRange, inner: OffsetRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** True when the two ranges share at least one code unit. */
export function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}
