import picomatch from 'picomatch';

const matchers = new Map<string, (path: string) => boolean>();

/** A matcher for a family's path glob (dotfiles included, case aside: `RFCs/`, `docs/ADR/`), compiled once per glob. */
export function globMatcher(glob: string): (path: string) => boolean {
  let match = matchers.get(glob);
  if (!match) {
    match = picomatch(glob, { dot: true, nocase: true });
    matchers.set(glob, match);
  }
  return match;
}
