/**
 * Every reproducible figure by id, filled explicitly (no import side effects). `dpr reproduce all`
 * runs them in this order.
 */
import { ArgumentError } from '@dpr/linalg';
import type { FigureDefinition } from './figure.js';
import { fig1Figure } from './fig1-figure.js';
import { fig2Figure } from './fig2.js';
import { fig3FashionFigure, fig3Figure } from './fig3.js';
import { fig4Figure } from './fig4.js';
import { cdpSuccessFigure } from './cdp-success.js';
import { noiseFigure } from './noise.js';

/** All figures, by id. */
export const FIGURES: Readonly<Record<string, FigureDefinition>> = {
  [fig1Figure.id]: fig1Figure,
  [fig2Figure.id]: fig2Figure,
  [fig3Figure.id]: fig3Figure,
  [fig3FashionFigure.id]: fig3FashionFigure,
  [fig4Figure.id]: fig4Figure,
  [cdpSuccessFigure.id]: cdpSuccessFigure,
  [noiseFigure.id]: noiseFigure,
};

/** Look a figure up by id, or throw naming the known ones. */
export function getFigure(id: string): FigureDefinition {
  const f = FIGURES[id];
  if (!f) throw new ArgumentError('figure', `one of ${Object.keys(FIGURES).join(', ')}`, id);
  return f;
}

/** The figure rendered from an experiment's results folders (for `dpr merge`), if any. */
export function figureForExperiment(experimentId: string): FigureDefinition | undefined {
  return Object.values(FIGURES).find((f) => f.experimentId === experimentId);
}
