/**
 * An author's text among device output: the sentences, lead-ins, headings and list items people write
 * around what they paste in a forum post, a ticket or a lab write-up. Device output uses words in its
 * own way ("is", "for", "to" in labels and states); a written sentence uses many small words of
 * English at once, personal words, questions and contractions.
 */

// words that make a line read as an author's sentence rather than device output
export const PROSE_WORDS = new Set(['we', 'i', 'you', 'our', 'their', 'customer', 'same', 'minute', 'the', 'this', 'that', 'these', 'here', 'then', 'and', 'after', 'before', 'got', 'ran', 'run', 'see', 'note', 'from', 'on', 'of', 'was', 'were', 'with', 'below', 'above', 'following', 'capture', 'captured', 'selected', 'output', 'shows', 'again', 'now', 'our', 'my', 'side', 'first', 'next', 'later', 'when', 'while', 'it', 'its', 'as', 'for', 'to', 'in', 'at'])

// words a device never prints about itself: first, second and third person, greetings ("I" only as capital)
export const PERSONAL_WORDS = new Set(['we', 'you', 'our', 'my', 'your', 'us', 'me', 'they', "i'm", "i've", 'hi', 'hello', 'thanks', 'thank', 'please', 'anyone', 'guys'])

/**
 * A forum, ticket or lab sentence that mentions models, versions or steps, which the strict test
 * below refuses for its digits: four words or more, most of them plain words, and either a word only
 * a person writes (I, we, our, you, hi, thanks ...; five words or more), a question, or a lead-in
 * ending in a colon with words device output does not use this way.
 *   "Hi all, tunnel from our branch (BR-RTR01, 2911, 15.4(3)M) to HQ never comes up. Output below:"
 *   "the DC side is an ASA, they say they use aes-256/sha256/group14. Any idea?"
 *   "Confirm that IKE phase 1 is up:"
 * or a long written sentence (ten words or more, mostly plain, three words device output does not use
 * this way, a full stop or colon at the end).
 */
function isAuthorSentence(text: string): boolean {
  const w = wordsOf(text)
  if (w === null || w.words.length < 4 || w.plainShare < 0.6) return false
  const {words} = w
  // "won't", "we're", "I've": contractions are written, never printed by a device
  if (words.length >= 5 && words.some((x) => x === 'I' || PERSONAL_WORDS.has(x.toLowerCase()) || /n't$|'(?:re|ve|ll|m)$/i.test(x))) return true
  if (text.endsWith('?')) return true
  const hits = words.filter((x) => PROSE_WORDS.has(x.toLowerCase())).length
  // "Lab write-up, step 6: phase 1 comes up but no phase 2. ASA 9.8 on the left, a 2901 on the right."
  if (words.length >= 10 && w.plainShare >= 0.7 && hits >= 3 && /[.:!]$/.test(text)) return true
  if (!text.endsWith(':')) return false
  return LEAD_VERBS.has(words[0].toLowerCase()) || hits >= 2
}

/**
 * The words of a would-be sentence without their quotes and punctuation, and the share of them that
 * are plain words (letters, apostrophes, hyphens); null when the text holds what device output uses
 * ("=", "|", braces).
 */
function wordsOf(text: string): {words: string[]; plainShare: number} | null {
  if (/[=|{}]/.test(text)) return null
  const words = text.split(' ').map((w) => w.replace(/^[("'“]+|[)"'”,.;:!?]+$/g, ''))
  return {words, plainShare: words.filter((w) => /^[A-Za-z][A-Za-z'-]*$/.test(w)).length / words.length}
}

// the headings of a documentation page around an output: "Meaning:", "Action:", "Purpose:" (Juniper's
// verification pages), "Problem:", "Solution:"
const DOC_HEADING = /^(?:Purpose|Action|Meaning|Results?|Output|Verification|Problem|Symptoms?|Cause|Solution|Resolution|Summary|Notes?):$/i
// a Markdown or plain list item as pasted: "* The ID field ...", "- Mon means ...", "• ...", "1. ..."
const LIST_ITEM = /^\s*(?:[*•-]|\d{1,2}[.)])\s+\S/

/** Four words or more, mostly plain words, ending like a written sentence. */
function isWrittenSentence(text: string): boolean {
  const w = /[.:!?]$/.test(text) ? wordsOf(text) : null
  return w !== null && w.words.length >= 4 && w.plainShare >= 0.6
}

// how an author's lead-in to an output starts: "Confirm that ...:", "Check the ...:", "Here is ...:"
const LEAD_VERBS = new Set(['confirm', 'check', 'verify', 'see', 'note', 'look', 'here', 'below'])

/**
 * A sentence an author wrote between two parts of an output ("On the J-series we ran:", "Selected
 * lines from the capture:", "and got:"): only words, no value a device prints (no digit, address,
 * "=" or "label: value"), and at least one word that device output does not use this way.
 */
export function isProseLine(text: string, pasted?: string): boolean {
  if (DOC_HEADING.test(text) || isAuthorSentence(text)) return true
  // "* The ID field is the tunnel index (131073).": a written list item under an output
  if (pasted !== undefined && LIST_ITEM.test(pasted) && isWrittenSentence(text)) return true
  // "Our side (SRX), same minute:" reads as "Our side SRX, same minute"
  const t = text.replace(/[:.!?,;]+$/, '').replace(/\(([A-Za-z][A-Za-z -]*)\)/g, '$1')
  if (t === '' || /[\d=@/\\|{}<>[\]()]/.test(t) || t.includes(': ')) return false
  const words = t.split(' ')
  if (words.length < 2 || !words.every((w) => /^[A-Za-z][A-Za-z'-]*[,;]?$/.test(w))) return false
  const hits = words.filter((w) => PROSE_WORDS.has(w.toLowerCase().replace(/[,;]$/, ''))).length
  return hits >= 2 || (hits >= 1 && words.length >= 4)
}

// the small words of written English; a device line holds one or two of them at most
// ("Tunnel100 is up, line protocol is down", "There are no IKEv1 SAs")
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'after', 'before', 'since', 'until',
  'behind', 'but', 'and', 'or', 'so', 'is', 'was', 'were', 'are', 'be', 'been', 'has', 'have', 'had', 'never', 'not', 'cannot', "can't", "doesn't",
  "don't", "isn't", "won't", 'does', 'did', 'our', 'their', 'them', 'it', 'this', 'that', 'these', 'those', 'then', 'when', 'what', 'which', 'any',
  'some', 'all', 'every', 'both', 'nothing', 'per', 'like', 'other', 'again', 'because', 'still', 'only', 'also', 'just', 'why', 'how'])

// "Subject: ...", "Re: ...", "From: ...": the header lines of a mail or ticket pasted with the capture
// "TAC SR 69xxxxxxx - Customer update", "JTAC case 2021-0603-xxxx -- customer notes": a case's title
const MAIL_HEADER = /^(?:Subject|Re|Fwd?|From|To|Cc|Sent|(?:J?TAC )?(?:Ticket|Case|SR))(?::| #?\S*\d)/i
// "## R1 (hub)", "**Our end: cust52-ce (ISR1111), 192.0.2.52 -- initiator**": a Markdown heading or a
// line its author set in bold as one (it starts with a word: "**203.0.113.11 198.51.100.7 AG_INIT_EXCH 1006
// ACTIVE**" is a row its author highlighted)
const MARKDOWN_HEADING = /^\s*(?:#{1,6}\s+\S|\*\*[A-Za-z][a-z'-]*:? [^*].*\*\*\s*$|__[A-Za-z][a-z'-]*:? [^_].*__\s*$)/

/**
 * What a device's own sentences carry and an author's rarely do: "=", " : ", a time of day, a syslog tag
 * ("%CRYPTO-4-"), a message prefix ("INFO:", "WARNING:"), a debug tag ("ISAKMP:(0):", "IPSEC(validate...)").
 *   "ISAKMP:(0):atts are not acceptable. Next payload is 3"
 *   "INFO: There are presently no active sessions of the type specified"
 */
const DEVICE_MARKS = /[=|{}]| : |\b\d{1,2}:\d{2}:\d{2}\b|%[A-Z]|^(?:INFO|WARNING|ERROR|NOTICE)\b|^[A-Z][\w-]*(?::\s?\(|\()/

// "Date: Tue, 14 Jan 2025 10:48:17 +0100", "Sent: Friday, January 10, 2025 16:05"
const MAIL_DATE = /^(?:Date|Sent): (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*, /
// "Hi all,", "Hello team,", "Dear Priya,", "Priya,", "Tom,": the opening of a mail or a post
const SALUTATION = /^(?:(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Gg]ood (?:morning|afternoon|evening))(?: [\w-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)[,!]$/
// "Executed by: L. Moreau", "Posted in: Network Security > VPN", "Author: N. Okafor — 2026-12-04",
// "Assigned: NetOps L2 / A. Novak", "Product: MX480 / MS-MPC", "Assignee: Network Security L2", "CI: fw-dc1",
// "Short description:", "Description / work notes:": a ticket's, post's or page's own fields (a field the
// ticket left empty ends at its colon)
const DOC_FIELD_NAME = String.raw`(?:Executed by|Posted (?:in|by)|Author|Assign(?:ed(?: to| group)?|ee|ment group)|Ticket(?: #| number| no\.?)?|Owner|Reporter|Requester|Caller|Product|Severity|Priority|Impact|Urgency|Title|Customer|Site|Location|Window|Created|Opened(?: by)?|Updated|Last (?:edited|updated)|Change(?: ref| request)?|Incident|Environment|Device|Peer|Contact|Category|Subcategory|Summary|Result|Service|CI|Configuration item|(?:Short )?description|Work notes|Additional comments)`
// regex-safety: built once from the constant DOC_FIELD_NAME, no input text
// (a field may name who wrote it: "Work notes (L1, 2026-12-07 06:52 UTC):", "Description (caller):")
const DOC_FIELD = new RegExp(String.raw`^${DOC_FIELD_NAME}(?: (?:/|&|and) ${DOC_FIELD_NAME})*(?: \([^()]{1,60}\))?\s?:(?: \S|$)`, 'i')
// the fields of a ticket's history no device prints, also between the lines of an output
const TICKET_HISTORY = /^(?:Work notes|Additional comments|Ticket(?: #| number| no\.?)?)(?: \([^()]{1,60}\))?\s?:(?: \S|$)/i

/** A ticket's own history field ("Work notes (L1): escalating to L2"): an author's line wherever it stands. */
export function isTicketHistory(text: string): boolean {
  return TICKET_HISTORY.test(text)
}
// "[1] Platform / HA", "#netops-vpn — exported thread, 07 Dec 2026", "r/Juniper · Posted by u/pkt_wrangler · 6h"
// "#vpn-war-room (exported 2026-12-03)", "Step 1 - clock / phase 1", "step 3: compare with the old config"
const DOC_HEADING_LINE = /^(?:\[\d{1,2}\] [A-Z][\w /&-]{0,60}|#[a-z][\w-]* (?:[—–-] .{0,80}|\([^()]{0,80}\))|r\/\w+ · .{0,80}|Top comment · .{0,60}|(?:[Ss]tep|[Pp]art) \d{1,2} ?[-–—:.)] ?\S.{0,120})$/
// "Regards,", "Thanks!", "Cheers", "Best regards": the end of a mail or a post
const SIGN_OFF = /^(?:(?:best |kind |many )?(?:regards|thanks)|thank you|cheers|br|brgds|rgds)[,.!]*$/i
// "On Tue, 5 Nov, Karim wrote:", "Posted by dkowalski 10:21", "Reply (dkowalski 10:37): ...", "Edited: ..."
const FORUM_META = /^(?:On .{3,80} wrote:|(?:Posted|Edited|Updated|Replied) (?:by|on|at) \S|(?:Reply|Edit|Update|EDIT|UPDATE)\b.{0,40}:\s)/

/** The words of a line outside parentheses, and how many distinct function words they hold. */
function sentenceWords(text: string): {words: number; plainShare: number; small: number} | null {
  const w = wordsOf(text.replace(/\([^()]*\)/g, ' ').replace(/ {2,}/g, ' ').trim())
  if (w === null) return null
  const small = new Set(w.words.map((x) => x.toLowerCase()).filter((x) => FUNCTION_WORDS.has(x))).size
  return {words: w.words.length, plainShare: w.plainShare, small}
}

/**
 * An author's text on a line no parser claimed (the top of a forum post, a ticket's summary, a
 * sentence between two outputs): a line isProseLine accepts, a mail header, a Markdown heading, a
 * sentence of six words or more with three different function words, or a lead-in ending in a colon
 * with a word of LEAD_IN_WORDS ("Phase 1 is fine:"). Such a line yields no fact either way; this only decides whether it
 * is reported as a line nobody could read.
 *   "MX480 w/ MS-MPC, services IPsec to remote site R-114. Tunnel drops every few hours since Thursday."
 */
export function isAuthorText(text: string, pasted?: string): boolean {
  if (isProseLine(text, pasted)) return true
  // "=====": the underline of a heading
  if (MARKDOWN_HEADING.test(pasted ?? text) || /^[=~_*-]{3,}$/.test(text)) return true
  // "Date: Tue, 14 Jan 2025 10:48:17 +0100": a mail's date, whose time of day is no device's
  if (MAIL_DATE.test(text) || SALUTATION.test(text) || DOC_FIELD.test(text) || DOC_HEADING_LINE.test(text)) return true
  if (DEVICE_MARKS.test(text)) return false
  // "Status: Open · Owner: @r.hernandez · Last edited: 2026-12-03": a page's meta line (the middle dot is
  // typography, never printed by a device's ASCII command line)
  if (text.includes(' · ')) return true
  if ((MAIL_HEADER.test(text) && text.split(' ').length >= 2) || SIGN_OFF.test(text) || FORUM_META.test(text)) return true
  const s = sentenceWords(text)
  if (s === null || s.plainShare < 0.5) return false
  if (s.words >= 6 && s.small >= 3) return true
  // "and phase 2?", "anyone seen this before?": a question (a device asks only with a bracketed default: "[confirm]")
  if (text.endsWith('?') && s.words >= 2) return true
  // (the word before the colon counts: "Partner sent this:")
  return text.endsWith(':') && s.words >= 3 && text.split(' ').some((x) => LEAD_IN_WORDS.has(x.replace(/[,;:]+$/, '').toLowerCase()))
}

// the small words of a lead-in an author ends with a colon ("Phase 1 is fine:", "R1 debug when R2
// initiates:"); a device heading ending in a colon has none ("Packets dropped because of connection
// not established:")
const LEAD_IN_WORDS = new Set(['is', 'are', 'was', 'were', 'here', 'when', 'our', 'their', 'this', 'what', 'how', 'after', 'then', 'still', 'just', 'never'])

/**
 * A long written sentence among the lines a parser read but did not understand: twelve words or
 * more, mostly plain, with five different function words (a Junos tunnel event has four: "Tunnel is
 * ready. Waiting for trigger event or peer to trigger negotiation"). Stricter than isAuthorText, because here a line
 * the parser missed must stay reported.
 *   "So encaps goes up by exactly 5, decaps stays 0. DC team says their ACL is fine... next step was asking them for"
 */
export function isLongSentence(text: string): boolean {
  if (DEVICE_MARKS.test(text)) return false
  const s = sentenceWords(text)
  return s !== null && s.words >= 12 && s.plainShare >= 0.6 && s.small >= 5
}

// "Priya", "Tomasz K.", "-- jk", "- Anna": a name an author signs with, on a line of its own
const NAME_LINE = /^(?:-{1,2} ?)?(?:[A-Z][a-z]+|[a-z]{2,3})(?: (?:[A-Z][a-z]+|[A-Z]\.)){0,2}$/

/**
 * A line that may be an author's signature: one to three words of a name. Alone it proves nothing; the
 * caller takes it only below the author's own text (src/ingest/dispatch.ts).
 */
export function isNameLine(text: string): boolean {
  return NAME_LINE.test(text)
}
