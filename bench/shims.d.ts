// The little of markdown-it's API the benchmark uses (the package ships no types).
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(presetName?: string, options?: Record<string, unknown>);
    parse(source: string, env: Record<string, unknown>): unknown[];
  }
}
