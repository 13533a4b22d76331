// The part of jsdom's API the rendering test uses. Declared here rather than taken from @types/jsdom, which pulls the
// DOM library into the root type check (whose code must not see DOM globals: core and host code run without them).
declare module 'jsdom' {
  export interface JSDOMOptions { runScripts?: 'dangerously' | 'outside-only'; pretendToBeVisual?: boolean }
  export class JSDOM {
    constructor(html?: string, options?: JSDOMOptions);
    readonly window: object;
  }
}
