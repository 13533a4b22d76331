// The version printed by `nngraph --version` and written into saved weights: the package's own, bundled at build time.
import packageJson from '../../package.json';

export const version: string = packageJson.version;
