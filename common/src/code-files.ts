/**
 * The extensions of the test and source files read for the requirement IDs they cite:
 * the server reads them, and the client watches them for changes. Names only, no logic.
 */
export const CODE_EXTENSIONS: readonly string[] = [
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'py', 'go', 'java', 'kt', 'kts', 'rs', 'rb', 'cs', 'php', 'swift',
  'c', 'cc', 'cpp', 'h', 'hpp', 'scala', 'sh', 'feature', 'robot',
];
