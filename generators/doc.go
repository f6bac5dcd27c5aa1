// Package generators holds what every output format shares: the one goldmark
// configuration that parses a document's canonical Markdown, and the literal text of its
// segments. The formats live in sub-packages, none of which knows about case data or
// HTTP:
//
//   - htmlpage renders the Markdown as a safe HTML page or fragment;
//   - pdf renders the parsed Markdown with fpdf;
//   - plaintext renders the Markdown as plain text for an e-mail body;
//   - numbering numbers the clauses of a long document and resolves its references,
//     in the Markdown, before any format is made from it;
//   - xlsx writes workbooks from typed tables;
//   - csvfile writes a table as CSV for spreadsheet applications.
//
// Spreadsheets and CSV are made from typed case data, never from the Markdown.
package generators
