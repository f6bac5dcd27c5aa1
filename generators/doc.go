// Package generators holds what every output format shares: the one goldmark
// configuration that parses a document's canonical Markdown. The formats themselves live
// in the sub-packages html, pdf and xlsx; none of them knows about case data or HTTP.
package generators
