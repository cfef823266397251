/**
 * Ranks findings for the user's symptom: severity first, then relevance to the symptom, then the
 * weights the yes/no answers put on rules (from the decision graph). Answers also move the causes that
 * mention what the user confirmed to the top. Findings explained by a root cause are folded under it.
 */
import type {Finding} from '../model/index.js'
import {SEVERITY_RANK} from '../model/constants.js'
import type {DecisionGraph, Symptom} from './graph.js'
import {matchesAny} from './graph.js'
import type {TriState} from './io.js'

export interface RankedFinding {
  finding: Finding
  score: number
  relevant: boolean
  /** Causes, most likely first, after the answers were applied. */
  causes: string[]
  /** Why the finding sits where it does, in words. */
  reasons: string[]
  /** Findings whose relatedTo points at this one. */
  related: Finding[]
}

const SEVERITY_WEIGHT = 10
const RELEVANCE_WEIGHT = 5

function promoteCauses(causes: string[], words: string[]): string[] {
  if (words.length === 0) return causes
  const lowered = words.map((w) => w.toLowerCase())
  const hit = (c: string) => lowered.some((w) => c.toLowerCase().includes(w))
  return [...causes.filter(hit), ...causes.filter((c) => !hit(c))]
}

export function rankFindings(findings: Finding[], symptom: Symptom, answers: Record<string, TriState>, graph: DecisionGraph): RankedFinding[] {
  const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]))
  const roots = findings.filter((f) => !f.relatedTo || !byFingerprint.has(f.relatedTo))
  const ranked = roots.map((finding): RankedFinding => {
    const relevant = matchesAny(finding.ruleId, symptom.rules)
    let score = SEVERITY_RANK[finding.severity] * SEVERITY_WEIGHT + (relevant ? RELEVANCE_WEIGHT : 0)
    const reasons: string[] = [`severity ${finding.severity}`]
    if (relevant) reasons.push(`fits the symptom "${symptom.label}"`)
    let causes = [...finding.causes]
    for (const q of graph.questions) {
      const answer = answers[q.id]
      if (answer !== 'yes' && answer !== 'no') continue
      const effect = q.effects[answer]
      for (const b of effect.boost) {
        if (!matchesAny(finding.ruleId, b.rules)) continue
        score += b.weight
        reasons.push(`${b.weight > 0 ? '+' : ''}${b.weight}: you answered "${answer}" to "${q.text}"`)
      }
      causes = promoteCauses(causes, effect.causes)
    }
    const related = findings.filter((f) => f.relatedTo === finding.fingerprint)
    return {finding, score, relevant, causes, reasons, related}
  })
  return ranked.sort((a, b) => b.score - a.score || a.finding.ruleId.localeCompare(b.finding.ruleId) || a.finding.device.localeCompare(b.finding.device))
}
