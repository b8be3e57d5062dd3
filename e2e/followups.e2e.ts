// Browser stories for follow-ups and surveys (SPEC §4–§5): a dispatcher completes a follow-up
// of a closed repair with the pathology questionnaire of seed 000 and escalates it; the
// manager approves the handling plan; a customer answers the satisfaction survey from the
// link without logging in, and the same link is refused afterwards. Uses the after-service
// demo week (server/seed/week.ts).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, launch, login, newContext, SCREENSHOTS } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => browser?.close());

const SERIAL = 'ST5020-25-0412';

describe('follow-ups and surveys in the browser', () => {
  it('a dispatcher completes a follow-up with the questionnaire and escalates it; the manager approves the plan', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.getByTestId('nav').getByText('我的回访', { exact: true }).click();
    await page.getByTestId('followups').waitFor();
    const card = page.getByTestId(`fu-${SERIAL}-s1`);
    await card.waitFor({ timeout: 15_000 });
    assert.match(await card.innerText(), /维修/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'followups.png'), fullPage: true });
    await card.click();
    await page.getByTestId('fu-form').waitFor();
    const drawer = page.getByTestId('fu-drawer');
    assert.match(await drawer.innerText(), /病理设备回访问卷/);
    assert.match(await drawer.innerText(), /出片质量/);
    await page.getByTestId('q-dept_use').fill('科室正常开展，每日约 80 张切片');
    await page.getByTestId('q-device_state').getByText('正常', { exact: true }).click();
    await page.getByTestId('q-slide_quality').getByText('次于常规或较差').click();
    await page.getByTestId('q-operator_practice').getByText('规范', { exact: true }).click();
    await page.getByTestId('fu-contact').fill('王红');
    await page.getByTestId('fu-record').fill('维修后染色仍偏淡，电话指导调整染色时间无效');
    await page.getByTestId('fu-outcome-escalated').click();
    await page.getByTestId('fu-problem').fill('染色偏淡，电话指导无效，需上门');
    await page.getByTestId('fu-plan').fill('安排张伟明天上门检查试剂泵');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'followup-questionnaire.png'), fullPage: true });
    await page.getByTestId('fu-submit').click();
    await page.getByTestId('fu-record-view').waitFor();
    assert.match(await drawer.innerText(), /待领导审批/);
    assert.match(await drawer.innerText(), /HF-\d{4}-\d{6}/);
    await ctx.close();

    const mctx = await newContext(browser);
    const mpage = await mctx.newPage();
    await login(mpage, 'manager');
    await mpage.goto(`${BASE_URL}/followups`);
    await mpage.getByTestId('followups').waitFor();
    await mpage.getByTestId(`fu-${SERIAL}-s1`).click();
    await mpage.getByTestId('fu-approve').waitFor();
    await mpage.getByTestId('fu-approved-plan').fill('同意，安排张伟明天上门');
    await mpage.getByTestId('fu-approve').click();
    await mpage.getByTestId('fu-drawer').getByText('待告知客户').first().waitFor();
    await mctx.close();
  });

  it('a customer answers the survey from the link, without logging in; the link works once', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'dispatcher');
    await page.getByTestId('nav').getByText('满意度调查', { exact: true }).click();
    await page.getByTestId('surveys').waitFor();
    // The demo week holds other pending surveys too: take the one for this device's job.
    const issue = page.locator('tr', { hasText: SERIAL }).locator('[data-testid^="survey-link-"]').first();
    await issue.waitFor({ timeout: 15_000 });
    await issue.click();
    const link = await page.getByTestId('survey-link').inputValue();
    assert.match(link, /\/survey\/[0-9a-f-]{36}\.\d+\.[\w-]+\.[\w-]+$/);
    await ctx.close();

    const anon = await newContext(browser, true);
    const p = await anon.newPage();
    await p.goto(link);
    await p.getByTestId('public-survey').waitFor();
    await p.getByTestId('survey-submit').waitFor();
    assert.match(await p.getByTestId('public-survey').innerText(), new RegExp(SERIAL));
    for (const k of ['attitude', 'skill', 'promise']) await p.getByTestId(`rate-${k}`).getByText('非常满意', { exact: true }).click();
    await p.getByTestId('rate-timeliness').getByText('满意', { exact: true }).click();
    await p.getByTestId('survey-comments').fill('工程师很专业，希望到达再快一点');
    await p.getByTestId('survey-name').fill('王红');
    await p.screenshot({ path: path.join(SCREENSHOTS, 'survey-phone.png'), fullPage: true });
    await p.getByTestId('survey-submit').click();
    await p.getByTestId('survey-thanks').waitFor();
    await p.goto(link);
    await p.getByTestId('survey-answered').waitFor();
    await anon.close();
  });

  it('the follow-up becomes a complaint; closing the incomplete file is refused and the checklist shows what is missing', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'manager');
    await page.goto(`${BASE_URL}/followups`);
    await page.getByTestId(`fu-${SERIAL}-s1`).click();
    await page.getByTestId('fu-complaint').click();
    await page.getByTestId('complaints').waitFor();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('登记投诉').first().waitFor();
    assert.match(await modal.locator('textarea').first().inputValue(), /染色偏淡/);
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId('complaint-detail').waitFor();
    await page.getByTestId('complaint-to-replied').click();
    await page.getByTestId('complaint-to-closed').waitFor();
    await page.getByTestId('complaint-to-closed').click();
    await page
      .getByText(/投诉档案不完整，不能关闭/)
      .first()
      .waitFor();
    const checklist = await page.getByTestId('complaint-checklist').innerText();
    assert.match(checklist, /是否需上报不良事件/);
    assert.match(checklist, /答复客户/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'complaint-checklist.png'), fullPage: true });
    await ctx.close();
  });

  it('an admin adds a question to the generic questionnaire; it is there after a reload', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'admin');
    await page.getByTestId('nav').getByText('回访问卷', { exact: true }).click();
    await page.getByTestId('questionnaires').waitFor();
    const count = page.getByTestId('qn-count-generic');
    await count.waitFor({ timeout: 15_000 });
    const before = Number(await count.innerText());
    await page.getByTestId('qn-edit-generic').click();
    await page.getByTestId('qn-form').waitFor();
    await page.getByTestId('qn-add-item').click();
    await page.getByTestId(`qn-item-${before}-key`).fill('engineer_on_time');
    await page.getByTestId(`qn-item-${before}-zh`).fill('工程师是否按约定时间到达');
    await page.getByTestId(`qn-item-${before}-en`).fill('Did the engineer arrive on time?');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'questionnaire-editor.png'), fullPage: true });
    await page.getByTestId('qn-save').click();
    await page.getByTestId('qn-form').waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('questionnaires').waitFor();
    await page
      .getByTestId('qn-count-generic')
      .getByText(String(before + 1), { exact: true })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('qn-row-generic').locator('.ant-table-row-expand-icon').click();
    await page.getByText('工程师是否按约定时间到达').waitFor();
    await ctx.close();
  });
});
