// The extension manifest as a user meets it: where it activates, how its settings read in the Settings editor.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/lsp/settings';

const ROOT = path.join(__dirname, '..', '..');
interface Setting {
  markdownDescription?: string;
  description?: string;
  enum?: string[];
  enumDescriptions?: string[];
}
interface Manifest {
  displayName: string;
  description: string;
  icon: string;
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, Setting> }; walkthroughs: { steps: { title: string; media: { image?: string } }[] }[] };
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const settings = pkg.contributes.configuration.properties;

describe('package.json', () => {
  it('activates only on Drizzle markers, never on a language', () => {
    const events = pkg.activationEvents;
    assert.ok(
      events.every((e) => e.startsWith('workspaceContains:')),
      events.join(', '),
    );
    assert.ok(events.some((e) => /drizzle\.config/.test(e)));
    // A glob makes VS Code search the workspace, and it gives up (no activation) after 7 s on a large or busy one:
    // the usual places are plain paths, checked without a search.
    for (const plain of ['drizzle.config.ts', 'drizzle.config.json', 'package.json']) assert.ok(events.includes(`workspaceContains:${plain}`), plain);
    assert.ok(!events.includes('workspaceContains:**/package.json'), 'every JS project has one somewhere');
  });

  it('every setting has a markdown description, every enum value its description', () => {
    for (const [key, s] of Object.entries(settings)) {
      assert.ok(s.markdownDescription && !s.description, `${key}: markdownDescription only`);
      if (s.enum) assert.equal(s.enumDescriptions?.length, s.enum.length, `${key}: enumDescriptions`);
    }
    for (const key of ['indexInsight.enable', 'indexInsight.hover.showServed', 'indexInsight.trace.server']) assert.ok(settings[key], key);
  });

  it('writes US spelling in what the user reads', () => {
    const shown = JSON.stringify([pkg.displayName, pkg.description, pkg.contributes]);
    assert.doesNotMatch(shown, /analys(e|ed|ing)\b|\b\w+is(e|ed|ing)\b(?<!(otherwise|precise|exercise|concise|likewise|promise|raise|wise))/i);
  });

  it('has a 128 px PNG icon, and a walkthrough whose images exist and are packaged', () => {
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    const steps = pkg.contributes.walkthroughs[0].steps;
    assert.deepEqual(
      steps.map((s) => s.title),
      ['Open a query', 'Read the hover', 'Apply the fix', 'Prove it'],
    );
    for (const image of [pkg.icon, ...steps.map((s) => s.media.image!)]) {
      assert.ok(fs.existsSync(path.join(ROOT, image)), `${image} exists (npm run test:ui takes the screenshots)`);
      assert.ok(ignore.includes(`!${image}`), `${image} is in the .vsix`);
    }
  });

  it('the server reads hover.showServed, off unless set to true', () => {
    assert.equal(normalizeSettings({}).hover.showServed, false);
    assert.equal(normalizeSettings({ hover: { showServed: 'yes' } }).hover.showServed, false);
    assert.equal(normalizeSettings({ hover: { showServed: true } }).hover.showServed, true);
  });

  it('every severity setting the manifest declares is read by the server, with the manifest default', () => {
    const declared = Object.keys(settings).filter((k) => k.startsWith('indexInsight.severity.'));
    assert.deepEqual(declared.map((k) => k.slice('indexInsight.severity.'.length)).sort(), Object.keys(normalizeSettings({}).severity).sort());
    for (const key of declared) {
      const name = key.slice('indexInsight.severity.'.length) as keyof ReturnType<typeof normalizeSettings>['severity'];
      assert.equal(normalizeSettings({}).severity[name], (settings[key] as { default?: string }).default, key);
      assert.equal(normalizeSettings({ severity: { [name]: 'error' } }).severity[name], 'error', key);
      assert.equal(normalizeSettings({ severity: { [name]: 'loud' } }).severity[name], (settings[key] as { default?: string }).default, key);
    }
  });
});
