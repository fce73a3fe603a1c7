/**
 * A requirement's fingerprint: a hash of its text with runs of white space made one
 * space, so that re-wrapping a paragraph or changing line ends does not count as a
 * change, and any change of words does. 64 bits (two 32-bit FNV-1a hashes with
 * different offsets) as 16 hex digits: short enough to read in a diff, long enough that
 * two versions of a requirement do not collide by chance.
 */
export function fingerprintOf(text: string): string {
  const normal = text.replace(/\s+/g, ' ').trim();
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < normal.length; i++) {
    const code = normal.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ (a >>> 16), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
