// Types of tools.mjs for the TypeScript side of the e2e suite (harness.ts).
import type { ChildProcess } from 'node:child_process';

export const NODE_VERSION: string;
export const CODE_SERVER_VERSION: string;
export const CHROMIUM_PATH: string;
export const repoRoot: string;
export const cacheRoot: string;
export const nodeDir: string;
export const nodeBin: string;
export const codeServerDir: string;
export const codeServerEntry: string;
export const vsixPath: string;
export const chromiumArgs: string[];
export const baseSettings: Record<string, unknown>;

export interface StateDirs {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  xdgConfig: string;
  xdgData: string;
  browserProfile: string;
  logFile: string;
}

export interface CodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** process.env (or env) without the npm_config_*, npm_lifecycle_*, npm_package_* and npm path variables an outer npm sets. */
export function cleanNpmEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function ensureTools(options?: { quiet?: boolean }): void;
/** Returns the path of a private copy of the packaged vsix. */
export function packageExtension(): string;
export function freePort(): Promise<number>;
export function createStateDirs(persistentDir?: string): StateDirs;
export function writeUserSettings(dirs: StateDirs, settings: Record<string, unknown>): void;
export function installVsix(dirs: StateDirs, vsix?: string): void;
export function startCodeServer(options: {
  dirs: StateDirs;
  port: number;
  extraArgs?: string[];
  trust?: boolean;
  timeoutMs?: number;
}): Promise<CodeServer>;
export function stopProcessGroup(child: ChildProcess): Promise<void>;
export function prepareWorkspace(source?: string): string;
export function removeDir(dir: string): void;
