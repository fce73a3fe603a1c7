import { homepage, version } from '../../../package.json';

/** The CLI's name, version and home page, as reports (SARIF, --version) state them. */
export const TOOL = { name: 'specwright', version, informationUri: homepage } as const;
