// The vscode-free core as a library (dist/core.js, CommonJS). The CLI is built on it; so is the extension.
export {
  CLAIM_STATUSES,
  CONFLICT_KINDS,
  CLAIM_ORIGINS,
  SIDECAR_VERSION,
  SIDECAR_SUFFIX,
  Sidecar as SidecarSchema,
  sidecarJsonSchema,
  type Sidecar,
  type Claim,
  type Citation,
  type Conflict,
  type ClaimStatus,
  type ConflictKind,
} from './sidecar/schema';
export {
  parseSidecar,
  serializeSidecar,
  formatIssue,
  sidecarPathFor,
  articlePathFor,
  emptySidecar,
  compareClaimsByPosition,
  MAX_REPORTED_ISSUES,
  type SidecarIssue,
  type SidecarParseResult,
  type ParseSidecarOptions,
} from './sidecar/sidecar';
export { newId } from './sidecar/ids';
export { countOf, pluralForm } from './text/plural';
export { scanJson, LineIndex, formatJsonPath, MAX_JSON_DEPTH, type JsonPath } from './sidecar/jsonLocation';
export { UNKNOWN_TIME } from './sidecar/sidecarMigration';
export {
  anchor,
  anchorCandidates,
  quoteSelector,
  snapToCharacters,
  MIN_ANCHOR_SCORE,
  type AnchorSelector,
  type AnchorResult,
  type AnchorOptions,
  type AnchorCandidate,
} from './anchoring/anchoring';
export { applyChanges, mapRange, RangeTracker, type TextChange, type OffsetRange } from './anchoring/editTracking';
export { splitSentences, type SentenceSpan } from './spotting/sentences';
export {
  spotClaims,
  rankedCandidates,
  candidateBudget,
  claimTypeOf,
  scoreSentence,
  spotThreshold,
  DEFAULT_SPOT_SHARE,
  type ClaimType,
  type SpottedSentence,
  type SentenceScore,
} from './spotting/spotter';
export { extractDates, extractAmounts, articleDateFrom, type DateValue, type AmountValue } from './conflicts/values';
export { findConflicts, type ConflictInput, type ConflictSuggestion } from './conflicts/conflicts';
export { mergeSidecars, hasConflictMarkers, formatMergeConflicts, type MergeConflict, type MergeResult } from './sidecar/merge';
export {
  exportMarkdown,
  exportCsv,
  exportW3C,
  exportW3CJson,
  locateClaims,
  escapeMarkdownText,
  csvCell,
  utf16ToCodePoints,
  codePointsToUtf16,
  EXPORT_FORMATS,
  type ExportFormat,
  type ArticleClaims,
  type W3CArticleClaims,
  type W3CAnnotation,
} from './interchange/exporters';
export { importW3C, annotationsIn, addImportedClaims, type ImportArticle, type ImportResult, type SkippedAnnotation } from './interchange/w3cImport';
export { parseCitations, citationFromCsl, cslFromCitation, bibtexFromCitation, type CitationDraft } from './interchange/citations';
export { citationLink, safeWebUrl, normalizeDoi } from './interchange/links';
export { matchesAnyGlob, DEFAULT_ARTICLE_GLOBS } from './text/globs';
export {
  parseFactCheckArchive,
  describeArchiveProblems,
  appendToArchive,
  factCheckLine,
  type FactCheck,
  type FactCheckRecord,
  type ArchiveProblem,
  type ParsedArchive,
} from './factChecks/factCheckArchive';
export { FactCheckIndex, MATCH_THRESHOLD, speakerNamedIn, type MatchQuery, type FactCheckMatch } from './factChecks/factCheckMatcher';
export { exportW3CLinks, type W3CLinkAnnotation } from './interchange/exporters';
export {
  parseVerdictScale,
  formatScaleIssue,
  verdictFor,
  verdictFromStatus,
  displayedVerdict,
  SCALE_PRESETS,
  SCALE_FILE,
  type VerdictScale,
  type ScaleLabel,
} from './sidecar/verdictScale';
export {
  exportClaimReviews,
  claimReviewFor,
  claimReviewJson,
  importClaimReviews,
  formatIncomplete,
  type ClaimReviewRecord,
  type IncompleteReview,
} from './interchange/claimReview';
export {
  suggestConflicts,
  conflictNotePair,
  noteFieldsFor,
  rememberDismissal,
  type ConflictArticle,
  type ConflictSuggestionFound,
  type SuggestedStatement,
  type StatementRef,
} from './app/conflictSuggestions';
export {
  findingsFor,
  FINDING_SEVERITY,
  SEVERITIES,
  type Finding,
  type FindingCode,
  type Severity,
  type ArticleForFindings,
  type PartnerArticle,
} from './app/findings';
export { articleTextFromBytes, describeArticleRefusal, DEFAULT_MAX_ARTICLE_BYTES, type ArticleText, type ArticleTextRefusal } from './app/articleText';
export { conflictPartner, conflictPartnerArticle, partnerArticleReference, type ClaimAddress } from './app/conflictPartner';
export { markdownReport, claimsInDocumentOrder } from './app/report';
export { escapeReportText } from './interchange/exporters';
export { countConflictNotes } from './conflicts/noteCounts';
