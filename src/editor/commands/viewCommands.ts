// Commands that change how the Claim Explorer shows things.
import * as vscode from 'vscode';
import type { ClaimsContext } from '../context';

export const filterExplorer = (ctx: ClaimsContext) => async (text?: string) => {
  const value =
    typeof text === 'string'
      ? text
      : await ctx.prompts.input({
          title: vscode.l10n.t('Filter Claims'),
          prompt: vscode.l10n.t('Show claims whose text, note, status, file, citations or conflicts contain this text'),
          value: ctx.explorer.filter,
        });
  if (value === undefined) return;
  ctx.explorer.setFilter(value);
};

export const clearFilter = (ctx: ClaimsContext) => () => ctx.explorer.setFilter('');

export const groupByFile = (ctx: ClaimsContext) => () => ctx.config.setGroupBy('file');
export const groupByStatus = (ctx: ClaimsContext) => () => ctx.config.setGroupBy('status');
