export declare const kernelsWatPath: string;
export declare function kernelsWatText(): string;
export declare function assembleKernels(): Promise<Uint8Array>;
