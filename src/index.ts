/**
 * ipsec-doctor library API. The CLI commands are thin wrappers over these functions.
 *
 *   ingestFiles(inputs)  -> ParseDocument      (capture -> blocks -> parsers -> facts)
 *   diagnose(doc, opts)  -> DiagnoseDocument   (facts -> rules -> findings)
 */
export {ingestFiles, ingestText, mergeDocuments} from './ingest/index.js'
export type {IngestOptions} from './ingest/index.js'
export {diagnose, loadRules, type DiagnoseOptions, type DeviceOverride, type LoadedRule, type RuleSpec} from './engine/index.js'
export {testRuleExamples} from './engine/tester.js'
export {PARSERS, parserById} from './parsers/registry.js'
export type {Line, ParseContext, ParseResult, ParserSpec} from './parsers/types.js'
export * from './model/index.js'
export {VERSION} from './version.js'
