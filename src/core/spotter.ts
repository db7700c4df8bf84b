// Check-worthiness scoring: which sentences state something a fact-checker could verify.
// A linear model over hashed word uni/bigrams, character n-grams and lexical cue features, trained by
// scripts/train-spotter.ts on CLEF CheckThat! 2024 (derived from ClaimBuster).
import fs from 'node:fs';
import path from 'node:path';
import { splitSentences } from './sentences';
import { extractFeatures, FeatureBuffer, sentenceCues, type FeatureConfig } from './spotterFeatures';

export interface SpotterModel {
  version: 1;
  features: FeatureConfig;
  bias: number;
  /** Decision threshold on the probability, tuned on the dev split. */
  threshold: number;
  /** Weights are int8 values times this scale. */
  scale: number;
  /** Base64 of the int8 weight vector, length 2^bits. */
  weights: string;
}

export interface SentenceScore {
  score: number;
  cues: string[];
}

export interface SpottedSentence {
  start: number;
  end: number;
  text: string;
  score: number;
  checkWorthy: boolean;
  cues: string[];
}

/** Cues worth showing a user as reasons; the others only inform the model. */
const REPORTED_CUES = new Set(['money', 'percent', 'number', 'date', 'comparison', 'attribution']);

export function decodeWeights(model: SpotterModel): Float32Array {
  const bytes = Buffer.from(model.weights, 'base64');
  const size = 1 << model.features.bits;
  if (bytes.length !== size) throw new Error(`spotter model: expected ${size} weights, found ${bytes.length}`);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = ((bytes[i] << 24) >> 24) * model.scale;
  return weights;
}

/** A loaded model: decoded weights plus a scratch buffer, so scoring allocates nothing per sentence. */
export class Spotter {
  readonly model: SpotterModel;
  private readonly weights: Float32Array;
  private readonly buffer = new FeatureBuffer();

  constructor(model: SpotterModel) {
    this.model = model;
    this.weights = decodeWeights(model);
  }

  get threshold(): number {
    return this.model.threshold;
  }

  score(sentence: string): SentenceScore {
    const cues = sentenceCues(sentence);
    extractFeatures(sentence, this.model.features, this.buffer, cues);
    let z = this.model.bias;
    const { indices, values, length } = this.buffer;
    const weights = this.weights;
    for (let i = 0; i < length; i++) z += weights[indices[i]] * values[i];
    const score = 1 / (1 + Math.exp(-z));
    return { score, cues: cues.filter((cue) => REPORTED_CUES.has(cue)) };
  }
}

/**
 * The shipped model sits beside the running code: src/core in development, dist/ in the bundles (esbuild.mjs
 * copies it there). It is read on first use, so activating the extension does not pay for 1.4 MB of JSON.
 */
export const SHIPPED_MODEL_FILE = 'spotterModel.json';

let defaultSpotter: Spotter | undefined;
function getDefaultSpotter(): Spotter {
  if (!defaultSpotter) {
    const file = path.join(__dirname, SHIPPED_MODEL_FILE);
    let model: SpotterModel;
    try {
      model = JSON.parse(fs.readFileSync(file, 'utf8')) as SpotterModel;
    } catch (error) {
      throw new Error(`the claim-spotting model ${file} cannot be read: ${(error as Error).message}`);
    }
    defaultSpotter = new Spotter(model);
  }
  return defaultSpotter;
}

/** The check-worthiness of one sentence, 0..1, and the lexical cues that support it. */
export function scoreSentence(sentence: string): SentenceScore {
  return getDefaultSpotter().score(sentence);
}

/** The shipped decision threshold: a sentence scoring at or above it is check-worthy. */
export function spotThreshold(): number {
  return getDefaultSpotter().threshold;
}

/** Splits text into sentences and scores each; offsets are UTF-16 indices into `text`. */
export function spotClaims(text: string, options: { threshold?: number } = {}): SpottedSentence[] {
  const spotter = getDefaultSpotter();
  const threshold = options.threshold ?? spotter.threshold;
  return splitSentences(text).map((sentence) => {
    const { score, cues } = spotter.score(sentence.text);
    return { ...sentence, score, checkWorthy: score >= threshold, cues };
  });
}
