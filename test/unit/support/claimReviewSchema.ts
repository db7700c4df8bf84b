// The check every exported ClaimReview must pass: the JSON Schema of Google's documented requirements kept in
// test/fixtures/claimreview (see its README for the source), plus the rating lying within its scale.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ClaimReviewRecord } from '../../../src/core/interchange/claimReview';

export const CLAIMREVIEW_FIXTURES = path.resolve(__dirname, '../../fixtures/claimreview');

/** Every record against the JSON Schema of Google's documented requirements, plus the rating's range. */
export function claimReviewValidator(): (record: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(CLAIMREVIEW_FIXTURES, 'google-claimreview.schema.json'), 'utf8')));
  return (record) => {
    const errors = validate(record) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    const rating = (record as ClaimReviewRecord).reviewRating;
    if (rating && typeof rating.ratingValue === 'number') {
      const low = Math.min(rating.bestRating, rating.worstRating);
      const high = Math.max(rating.bestRating, rating.worstRating);
      if (rating.ratingValue < low || rating.ratingValue > high) errors.push(`/reviewRating ratingValue ${rating.ratingValue} outside ${low}–${high}`);
    }
    return errors;
  };
}
