/// <reference lib="dom" />
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, SerializedAXNode } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleListResponseSchema } from '../../src/http/api-schemas.js';
import type { ModuleDefinition, ModuleParameter } from '../../src/registry/module-schema.js';
import { createServer, type PrismqServer } from '../../src/http/server.js';
import { makeDataDir, removeDataDir } from '../test-server.js';
import { chromiumForBlock, findChromium, openPage, screenshotOnFailure } from './browser.js';

const chromium = findChromium();
const inCi = process.env['CI'] === 'true';

/** A registry with one module that declares a parameter of every type. */
const EVERY_TYPE_MODULES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'every-parameter-type.json',
);

/** The role Chromium gives each type's control. */
const ROLE_OF: Record<ModuleParameter['type'], string> = {
  text: 'textbox',
  password: 'textbox',
  path: 'textbox',
  number: 'spinbutton',
  select: 'combobox',
  checkbox: 'checkbox',
};

/** The control's accessible name: the schema name, after a label that does not contain it. */
function expectedName(parameter: ModuleParameter): string {
  if (parameter.label === undefined) return parameter.name;
  return parameter.label.includes(parameter.name)
    ? parameter.label
    : `${parameter.label} (${parameter.name})`;
}

function flatten(node: SerializedAXNode | null): SerializedAXNode[] {
  if (node === null) return [];
  return [node, ...(node.children ?? []).flatMap(flatten)];
}

/** Opens a module's run form the way a user does and returns its accessibility tree. */
async function openForm(page: Page, module: ModuleDefinition): Promise<SerializedAXNode[]> {
  await page.locator(`li[data-module="${module.id}"] summary`).click();
  const form = await page.waitForSelector(`::-p-aria([name="Run ${module.name}"][role="form"])`);
  return flatten(await page.accessibility.snapshot({ root: form! }));
}

async function expectLabelledControl(
  page: Page,
  module: ModuleDefinition,
  parameter: ModuleParameter,
  tree: SerializedAXNode[],
): Promise<void> {
  const role = ROLE_OF[parameter.type];
  const name = expectedName(parameter);
  const where = `${module.id}.${parameter.name} (${parameter.type})`;
  // One control of the type's role carries the schema name; a required marker is not part of it.
  const named = tree.filter((node) => node.role === role && node.name?.includes(parameter.name));
  expect(
    named.map((node) => node.name),
    where,
  ).toEqual([name]);
  // Chromium's snapshot leaves `required` out for a select; its DOM property is checked below.
  if (role !== 'combobox')
    expect(named[0]?.required ?? false, `${where} required`).toBe(parameter.required);

  const control = await page.$(
    `li[data-module="${module.id}"] ::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`,
  );
  expect(control, `${where} found by its accessible name`).not.toBeNull();
  expect(await control!.isVisible(), `${where} visible`).toBe(true);
  const box = await control!.boundingBox();
  expect(box!.width * box!.height, `${where} has an area`).toBeGreaterThan(0);
  const attributes = await control!.evaluate((element) => ({
    name: element.getAttribute('name'),
    step: element.getAttribute('step'),
    required: (element as HTMLInputElement | HTMLSelectElement).required,
    label: [...((element as HTMLInputElement).labels ?? [])].map((label) =>
      label.checkVisibility(),
    ),
  }));
  expect(attributes.name, `${where} form field name`).toBe(parameter.name);
  expect(attributes.label, `${where} has one visible label`).toEqual([true]);
  expect(attributes.required, `${where} required attribute`).toBe(parameter.required);
  if (parameter.type === 'number')
    expect(attributes.step, `${where} step`).toBe(parameter.integer === true ? '1' : 'any');
}

describe.skipIf(chromium === undefined && !inCi)('run form controls in chromium', () => {
  const chromiumSession = chromiumForBlock(chromium);

  describe.each([
    { registry: 'the built-in registry', modulesFile: undefined, expectIds: ['demo'] },
    {
      registry: 'a module with every parameter type',
      modulesFile: EVERY_TYPE_MODULES,
      expectIds: ['kinds'],
    },
  ])('$registry', ({ modulesFile, expectIds }) => {
    let server: PrismqServer;
    let origin: string;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = makeDataDir();
      server = await createServer({
        port: 0,
        host: '127.0.0.1',
        dataDir,
        logLevel: 'silent',
        ...(modulesFile !== undefined ? { modulesFile } : {}),
      });
      origin = await server.listen();
    }, 30_000);
    afterAll(async () => {
      await server?.close();
      if (dataDir) removeDataDir(dataDir);
    });

    it('gives every parameter of every module a visible control named after it', async () => {
      const { modules } = ModuleListResponseSchema.parse(
        await (await fetch(`${origin}/api/modules`)).json(),
      );
      expect(modules.map((module) => module.id)).toEqual(expect.arrayContaining(expectIds));
      const { page, close } = await openPage(chromiumSession.browser, origin);
      try {
        await screenshotOnFailure(page, `parameter-labels-${expectIds[0]}`, async () => {
          await page.goto(`${origin}/`);
          for (const module of modules) {
            const tree = await openForm(page, module);
            for (const parameter of module.parameters)
              await expectLabelledControl(page, module, parameter, tree);
          }
        });
      } finally {
        await close();
      }
    });
  });

  it('the fixture declares every parameter type, integers and labels included', async () => {
    const { readFile } = await import('node:fs/promises');
    const registry = JSON.parse(await readFile(EVERY_TYPE_MODULES, 'utf8')) as {
      modules: ModuleDefinition[];
    };
    const parameters = registry.modules.flatMap((module) => module.parameters);
    expect(new Set(parameters.map((parameter) => parameter.type))).toEqual(
      new Set(Object.keys(ROLE_OF)),
    );
    expect(parameters.some((parameter) => parameter.type === 'number' && parameter.integer)).toBe(
      true,
    );
    expect(parameters.some((parameter) => parameter.label !== undefined)).toBe(true);
  });
});
