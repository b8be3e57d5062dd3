// Browser story of an adverse event (不良事件, issue 14 §2, R-REG-2; signatures R-AU-1): quality
// opens the demo ventilator event from the 不良事件 register, sees its running 20-day reporting
// clock, and — once the event is decided reportable and the national form is complete — submits
// the report signed with the password again; the event reads 已报告 with the signature line.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE_URL, call, launch, login, newContext, PASSWORD } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

describe('adverse event (R-REG-2)', () => {
  it('quality opens the demo event, sees the clock and submits the signed report', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, 'quality');
    const list = await call<{ items: { id: string; number: string; version: number }[] }>(
      page,
      'GET',
      `/api/v1/adverse-events?q=${encodeURIComponent('潮气量')}&state=draft`,
    );
    const ev = list.items[0];
    assert.ok(ev, 'the demo adverse event exists');
    await page.goto(`${BASE_URL}/adverse-events`);
    await page.getByTestId('adverse-events-table').getByText(ev.number).first().click();
    await page.getByTestId('ae-detail').waitFor();
    await page.getByTestId('ae-clock-banner').getByText('剩余', { exact: false }).waitFor();
    // The decision and the rest of the form (API, as the dialogs would send them).
    const decided = await call<{ version: number }>(page, 'POST', `/api/v1/adverse-events/${ev.id}/decide`, {
      version: ev.version,
      reportable: true,
      reason: '导致严重伤害，需上报',
    });
    await call(page, 'PATCH', `/api/v1/adverse-events/${ev.id}`, {
      version: decided.version,
      reportForm: {
        contactName: '李静',
        contactPhone: '010-88886666',
        registrationNumber: '国械注准20203080411',
        useProcess: '机械通气，容量控制模式',
        causeAnalysis: '初步判断为流量传感器漂移',
        reporterName: '李静',
      },
    });
    await page.reload();
    await page.getByTestId('ae-submit').click();
    await page.getByTestId('ae-report-number').fill('JC-2026-E2E001');
    await page.getByTestId('ae-password').fill(PASSWORD);
    await page.getByTestId('ae-action-save').click();
    await page.getByTestId('ae-action-save').waitFor({ state: 'hidden' });
    await page.getByTestId('ae-detail').getByText('已报告').first().waitFor();
    await page.getByText('不良事件报告：报告内容真实', { exact: false }).first().waitFor();
    await page.getByTestId('ae-clock').getByText('已按时报告').waitFor();
    await ctx.close();
  });
});
