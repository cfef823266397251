/**
 * Junos `show chassis cluster status` -> one clusterStatus fact per node row of each redundancy group:
 * priority, status (primary, secondary, lost ...), preempt, manual failover, monitor failures, with
 * the group's failover count and the cluster id. The "Monitor Failure codes:" legend and the column
 * header are decoration. A row without its "Redundancy group:" line (filtered) is partial.
 */
import type {ClusterStatus} from '../../model/index.js'
import {LineAccount} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {RawFields} from '../cisco/common.js'
import {toInt} from '../../reading/numbers.js'
import {head} from './fields.js'
import {finishAccount} from './finish.js'

// "Cluster ID: 1"
const CLUSTER_ID = /^Cluster ID: (\d+)$/
// "Redundancy group: 0 , Failover count: 1"
const GROUP = /^Redundancy group: (\d+) ?, ?Failover count: (\d+)$/
// "node0 200 primary no no None" / "node1 0 lost n/a n/a n/a" / "node1 0 secondary no no IF CS" / "node0 200 primary no no" (before 12.3X48)
const ROW = /^(node\d+) (\d+) ([a-z][a-z-]*) (yes|no|n\/a) (yes|no|n\/a)(?: (.+))?$/
// "Node Priority Status Preempt Manual Monitor-failures" / "Node Priority Status Preempt Manual failover"
const HEADER = /^Node Priority Status Preempt Manual(?: failover| Monitor-failures)?$/
// "Monitor Failure codes:"
const LEGEND_HEAD = /^Monitor Failure codes:$/
// "CS Cold Sync monitoring FL Fabric Connection monitoring" / "IS IRQ storm"
const LEGEND = /^[A-Z]{2} [A-Za-z ]+ (?:monitoring|storm)$/
// "{primary:node0}"
const BANNER = /^\{(?:primary|secondary|hold|ineligible|disabled|lost|secondary-hold):node\d+\}$/

const STATUSES = new Set(['primary', 'secondary', 'secondary-hold', 'primary-preempt-hold', 'hold', 'lost', 'ineligible', 'disabled', 'unavailable'])

const yesNo = (t: string): boolean | null => (t === 'yes' ? true : t === 'no' ? false : null)

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  let clusterId: {value: string; line: Line} | null = null
  let group: {rg: number; failovers: number; rgText: string; countText: string; line: Line; rows: number} | null = null
  let headless = 0
  const closeGroup = () => {
    if (group !== null && group.rows === 0) {
      acc.ignore(group.line)
      acc.warn(`line ${group.line.n}: redundancy group ${group.rg} without node rows (cut or filtered)`)
    }
  }
  for (const line of lines) {
    const t = line.text
    if (t === '' || HEADER.test(t) || LEGEND_HEAD.test(t) || LEGEND.test(t) || BANNER.test(t) || /^-{5,}$/.test(t)) {
      acc.ignore(line)
      continue
    }
    let m: RegExpExecArray | null
    if ((m = CLUSTER_ID.exec(t))) {
      clusterId = {value: m[1], line}
    } else if ((m = GROUP.exec(t))) {
      closeGroup()
      group = {rg: Number(m[1]), failovers: Number(m[2]), rgText: m[1], countText: m[2], line, rows: 0}
    } else if ((m = ROW.exec(t))) {
      const f = new RawFields()
      if (clusterId) {
        f.set('Cluster ID', clusterId.value, clusterId.line)
        acc.consume(clusterId.line)
      }
      if (group) {
        group.rows++
        acc.consume(group.line)
        f.set('Redundancy group', group.rgText, group.line)
        f.set('Failover count', group.countText, group.line)
      } else headless++
      const [, node, priority, status, preempt, manual, failures] = m
      f.set('Node', node, line)
      f.set('Priority', priority, line)
      f.set('Status', status, line)
      f.set('Preempt', preempt, line)
      f.set('Manual', manual, line)
      if (failures !== undefined) f.set('Monitor-failures', failures, line)
      if (!STATUSES.has(status)) acc.warn(`line ${line.n}: ${node} status "${status}" is not one this reader knows`)
      const lineNos = f.fields.lines
      const fact: ClusterStatus = {
        kind: 'clusterStatus',
        id: group ? `cluster:rg${group.rg}:${node}` : `cluster:rg?${headless}:${node}`,
        source: sourceOf(ctx, Math.min(...lineNos), Math.max(...lineNos)),
        raw: f.fields,
        clusterId: clusterId ? toInt(clusterId.value) : null,
        redundancyGroup: group ? group.rg : null,
        failoverCount: group ? group.failovers : null,
        node,
        priority: toInt(priority),
        status,
        preempt: yesNo(preempt),
        manualFailover: yesNo(manual),
        monitorFailures: failures === undefined || /^(?:None|n\/a)$/i.test(failures) ? [] : failures.split(' '),
      }
      if (!group) fact.partial = true
      acc.add(fact)
      acc.consume(line)
    } else acc.reject(line, 'not a line of show chassis cluster status this reader knows')
  }
  closeGroup()
  if (clusterId !== null && acc.facts.length === 0) {
    acc.ignore(clusterId.line)
    acc.warn(`line ${clusterId.line.n}: cluster id without node rows (cut or filtered)`)
  }
  return finishAccount(acc, ctx)
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines, 30)) {
    if (GROUP.test(l.text)) return 0.95
    if (CLUSTER_ID.test(l.text) || LEGEND_HEAD.test(l.text)) score = Math.max(score, 0.6)
  }
  return score
}

export const showChassisClusterStatus: ParserSpec = {
  id: 'junos/show-chassis-cluster-status',
  vendor: 'junos',
  command: 'show chassis cluster status',
  detect,
  parse,
}
