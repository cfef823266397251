/**
 * Lines IOS, IOS-XE and ASA `show version` share: the legal and export text (decoration), the image
 * file and the configuration register. Lines arrive canonical (single spaces, no indentation).
 */

/**
 * The copyright, GPL and cryptographic-export paragraphs, line by line as the device wraps them. Each
 * pattern names words only those paragraphs hold.
 */
const LEGAL: RegExp[] = [
  // "Technical Support: http://www.cisco.com/techsupport"
  /^Technical Support: /,
  // "Copyright (c) 1986-2023 by Cisco Systems, Inc." / "Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc."
  /\bCopyright \(c\) \d{4}/,
  // "Compiled Wed 25-Jan-23 16:05 by mcpre" / "Compiled on Thu 17-Nov-22 08:25 GMT by builders"
  /^Compiled (?:on )?\w{3} \d{1,2}-\w{3}-\d{2}/,
  // "All rights reserved. Certain components of Cisco IOS-XE software are"
  /^All rights reserved\./,
  // "licensed under the GNU General Public License ("GPL") Version 2.0. The"
  /\bGNU General Public License\b|\bGPL\b|ABSOLUTELY NO WARRANTY/,
  // "documentation or "License Notice" file accompanying the IOS-XE software,"
  /"License Notice"|\bflyer accompanying\b/,
  // "software." (the last word of the GPL paragraph)
  /^software\.$/,
  // "This product contains cryptographic features and is subject to United"
  /^This product contains cryptographic features/,
  // "States and local country laws governing import, export, transfer and"
  /\blocal country laws\b|\blaws and regulations\b|\blaws governing\b/,
  // "use. Delivery of Cisco cryptographic products does not imply"
  /^use\. Delivery of Cisco cryptographic products/,
  // "third-party authority to import, export, distribute or use encryption."
  /^third-party authority to import/,
  // "Importers, exporters, distributors and users are responsible for"
  /^Importers, exporters, distributors/,
  // "immediately."
  /^immediately\.$/,
  // "http://www.cisco.com/wwl/export/crypto/tool/stqrg.html"
  /^https?:\/\/www\.cisco\.com\/\S+$/,
  // "If you require further assistance please contact us by sending email to" / "export@cisco.com."
  /^If you require further assistance|^export@cisco\.com\.?$/,
]

/** A line of the legal or export text. */
export function isLegalText(text: string): boolean {
  return LEGAL.some((r) => r.test(text))
}

// 'System image file is "bootflash:packages.conf"'
export const IMAGE_FILE = /^System image file is "([^"]*)"$/
// "Configuration register is 0x2102" / "Configuration register is 0x2102 (will be 0x2142 at next reload)"
export const CONFIG_REGISTER = /^Configuration register is (\S+)(?: \(will be \S+ at next reload\))?$/
