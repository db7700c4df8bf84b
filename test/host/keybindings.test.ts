// The default keybindings: each runs its command, and none takes a key that VS Code itself binds by default.
// (Pressing the key for Mark Selection as Claim is tested in the browser, test/e2e/markClaim.e2e.mjs: the
// extension host has no API that presses keys.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
}

/** A key chord in one spelling, so "ctrl+alt+m" and "alt+ctrl+m" compare equal. */
function normaliseKey(key: string): string {
  return key
    .toLowerCase()
    .split(' ')
    .map((chord) => chord.split('+').sort().join('+'))
    .join(' ');
}

/** VS Code's own default keybindings, as its "Open Default Keyboard Shortcuts (JSON)" document lists them. */
async function defaultKeybindings(): Promise<Keybinding[]> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
  // The document is JSON with comments: drop the comment lines before parsing.
  const text = document.getText().replace(/^\s*\/\/.*$/gm, '');
  return JSON.parse(text) as Keybinding[];
}

describe('keybindings', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const ours: Keybinding[] = manifest.contributes.keybindings;

  it('gives marking, next/previous claim and spotting a key', () => {
    assert.deepEqual(ours.map((binding) => binding.command).sort(), ['claims.markClaim', 'claims.nextClaim', 'claims.previousClaim', 'claims.spotClaims']);
  });

  it('takes no key that VS Code binds by default', async () => {
    const defaults = await defaultKeybindings();
    assert.ok(defaults.length > 300, `VS Code's default keybindings were read (${defaults.length})`);
    const taken = new Map<string, string>();
    for (const binding of defaults) {
      if (binding.command.startsWith('claims.') || binding.command.startsWith('-')) continue;
      taken.set(normaliseKey(binding.key), binding.command);
    }
    for (const binding of ours) {
      const clash = taken.get(normaliseKey(binding.key));
      assert.equal(clash, undefined, `${binding.key} for ${binding.command} is VS Code's key for ${clash}`);
    }
  });
});
