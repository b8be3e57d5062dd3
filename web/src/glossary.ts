// The one glossary of domain terms (issue 10 item 13) lives with the server, which prints the
// same words on the service report PDF and in Excel exports; the web imports that very file.
export { type GlossaryGroup, glossary, type Term, term, terms, termValues } from '../../server/lib/glossary.ts';
