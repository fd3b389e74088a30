import { packageBuild } from '../../tsup.base'

// A command, not a library: one ESM entry and no type declarations.
export default packageBuild(['src/cli.ts'], { format: ['esm'], dts: false })
