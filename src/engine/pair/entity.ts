/** The entity type of pair- and delta- builders: the engine's multi-capture entity (sources.ts). */
export type {SourcedEntity as ExtraEntity} from '../sources.js'
