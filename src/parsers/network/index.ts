/** Interface and routing views of both vendors (interfaceStatus, route facts) and NAT translation tables (natTranslation). */
import type {ParserSpec} from '../types.js'
import {junosShowRoute} from './junos-show-route.js'
import {showInterfacesTerse} from './show-interfaces-terse.js'
import {showIpInterfaceBrief} from './show-ip-interface-brief.js'
import {showIpRoute} from './show-ip-route.js'
import {showIpNatTranslations} from './show-ip-nat-translations.js'
import {showXlate} from './show-xlate.js'

export const networkParsers: ParserSpec[] = [showIpInterfaceBrief, showIpRoute, showInterfacesTerse, junosShowRoute, showIpNatTranslations, showXlate]
