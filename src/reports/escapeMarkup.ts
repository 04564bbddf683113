// Escaping for the XML and HTML reports. Every string that reaches them can come from an adapter
// or an error (a pool's name, a driver's message), so all of it goes through here: the five
// markup characters become entities, and characters XML 1.0 does not allow at all (most C0
// controls such as an ANSI colour's ESC, lone surrogates, U+FFFE/U+FFFF) become readable `\u001b`
// text instead of making the whole file unreadable to a JUnit parser.

const MARKUP: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// The `u` flag makes a surrogate pair one character, so only lone surrogates match.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const unicodeEscape = (c: string): string => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/**
 * Text safe inside an element or a quoted attribute. In attributes (`attribute: true`) line
 * breaks and tabs become character references too: a parser would otherwise fold them to spaces.
 */
export function escapeMarkup(value: string, { attribute = false }: { readonly attribute?: boolean } = {}): string {
  const text = value.replace(NOT_XML_CHAR, unicodeEscape).replace(/[&<>"']/g, (c) => MARKUP[c]!);
  return attribute ? text.replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`) : text;
}
