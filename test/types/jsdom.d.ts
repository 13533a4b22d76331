// The part of jsdom's API the unit tests use. Declared here rather than taken from @types/jsdom, which pulls the
// DOM library into the root type check (whose code must not see DOM globals: core and host code run without them).
declare module 'jsdom' {
  export interface FetchOptions { element?: object }
  /** Fetches a page's subresources; a subclass decides what each URL returns (a rejection is a failed load). */
  export class ResourceLoader {
    fetch(url: string, options: FetchOptions): Promise<Buffer> | null;
  }
  /** Where the page's console goes; one with no sendTo drops it. */
  export class VirtualConsole {}
  export interface JSDOMOptions {
    runScripts?: 'dangerously' | 'outside-only';
    pretendToBeVisual?: boolean;
    resources?: 'usable' | ResourceLoader;
    virtualConsole?: VirtualConsole;
  }
  export class JSDOM {
    constructor(html?: string, options?: JSDOMOptions);
    readonly window: object;
  }
}
