// Browser story of the maintenance templates (保养模板, issue 13 §1, R-PM-1): the service manager
// finds the demo CT template (管电压, 剂量输出偏差), writes one for the MR with a task, a check whose
// range is upside down — refused, the server's message on the check's upper bound — then fixed, and
// a part from the catalogue; the engineer reads the templates and cannot edit them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, pick } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('maintenance templates (R-PM-1)', () => {
  it('the manager writes a template for a model; a bad range is named on its field; the engineer only reads', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/maintenance-templates`);
    const list = page.getByTestId('maintenance-templates');
    await list.getByText('CT 季度保养').waitFor();
    await list.getByText('监护仪半年巡检').waitFor();

    await page.getByTestId('mt-new').click();
    const form = page.getByTestId('mt-form');
    await page.getByTestId('mt-name').fill('磁共振季度保养');
    await pick(page, 'mt-model', 'MR-560');
    await page.getByTestId('mt-add-task').click();
    await form.getByPlaceholder('代码').nth(0).fill('clean_coils');
    await form.getByPlaceholder('名称').nth(0).fill('清洁线圈');
    await page.getByTestId('mt-add-check').click();
    await form.getByPlaceholder('代码').nth(1).fill('room_temp');
    await form.getByPlaceholder('名称').nth(1).fill('磁体间温度');
    await form.getByPlaceholder('单位').fill('°C');
    await form.getByPlaceholder('下限').fill('22');
    await form.getByPlaceholder('上限').fill('18');
    await page.getByTestId('mt-save').click();
    await form.getByText('上限不能小于下限（22）').waitFor();

    await form.getByPlaceholder('下限').fill('18');
    await form.getByPlaceholder('上限').fill('22');
    await page.getByTestId('mt-add-part').click();
    await pick(page, 'mt-part', 'BJ-CT-FILTER');
    await page.getByTestId('mt-save').click();
    await list.getByText('磁共振季度保养').waitFor();
    await ctx.close();

    const ectx = await newContext(browser);
    const epage = await ectx.newPage();
    await login(epage, 'engineer');
    await epage.goto(`${BASE_URL}/maintenance-templates`);
    await epage.getByTestId('maintenance-templates').getByText('磁共振季度保养').waitFor();
    assert.equal(await epage.getByTestId('mt-new').count(), 0);
    await ectx.close();
  });
});
