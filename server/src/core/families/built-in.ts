import kep from '../../../../templates/families/kep.json';
import kiro from '../../../../templates/families/kiro.json';
import madr from '../../../../templates/families/madr.json';
import nygardAdr from '../../../../templates/families/nygard-adr.json';
import openspec from '../../../../templates/families/openspec.json';
import proposal from '../../../../templates/families/proposal.json';
import rfc from '../../../../templates/families/rfc.json';
import specKit from '../../../../templates/families/spec-kit.json';
import specwright from '../../../../templates/families/specwright.json';
import { parseFamily, type Family } from './family';

/** The id of the family of specs written from Specwright's templates, and of any spec no other family claims. */
export const DEFAULT_FAMILY_ID = 'specwright';

/**
 * The built-in family descriptions, in the order their paths are tried: the more
 * specific layouts (OpenSpec's `openspec/specs/*`, Kiro's `.kiro/specs/*`) before
 * spec-kit's `specs/*`. Bundled, so the core needs no file system to know them.
 */
const SOURCES: readonly unknown[] = [openspec, kiro, specKit, madr, nygardAdr, kep, rfc, proposal, specwright];

let cached: readonly Family[] | undefined;

/** The built-in families, parsed once. A description that does not parse is a bug, caught by the tests. */
export function builtInFamilies(): readonly Family[] {
  if (!cached) {
    cached = SOURCES.flatMap((source) => {
      // The tests check each description against the schema; compiling it here would delay the first check.
      const { family } = parseFamily(source, { schemaChecked: true });
      return family ? [family] : [];
    });
  }
  return cached;
}
