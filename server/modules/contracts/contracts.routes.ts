// Contracts (SPEC §2) and the coverage they give.

import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields, registerTableLabels } from '../../http/errors.ts';
import { deleteQuery } from '../../http/resource.ts';
import { customerScope } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { forbidden } from '../../lib/errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { term } from '../../lib/glossary.ts';
import { contractDto, contractListQuery, createContractBody, updateContractBody } from './contracts.dto.ts';
import { contractsPolicy } from './contracts.policy.ts';
import * as svc from './contracts.service.ts';

registerConstraintFields({ contracts_number_uq: 'number', contracts_customer_id_customers_id_fk: 'customerId' });
registerTableLabels({ contracts: 'contracts', contract_devices: 'contracts' });

export function contractsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['contracts'];

  app.get('/contracts', { schema: { tags, summary: 'List contracts', querystring: contractListQuery, response: { 200: pageOf(contractDto) } } }, async (req) =>
    svc.listContracts(db, authorize(req, contractsPolicy, 'read'), req.query, tz),
  );

  app.get(
    '/contracts/export',
    { schema: { tags, summary: 'The filtered contract list as an Excel file', querystring: contractListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const user = authorize(req, contractsPolicy, 'read');
      const page = await svc.listContracts(db, user, { ...req.query, page: 1, pageSize: EXPORT_MAX_ROWS }, tz);
      const L = req.locale;
      type Item = (typeof page.items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'number', zh: '合同编号', en: 'Number', width: 18, value: (c) => c.number },
        { key: 'customer', zh: '客户', en: 'Customer', width: 26, value: (c) => c.customerName },
        { key: 'kind', zh: '类型', en: 'Kind', value: (c) => term('contractKind', c.kind, L) },
        { key: 'start', zh: '开始日期', en: 'Start', value: (c) => c.startDate },
        { key: 'end', zh: '结束日期', en: 'End', value: (c) => c.endDate },
        { key: 'state', zh: '状态', en: 'State', value: (c) => term('contractState', c.state, L) },
        { key: 'devices', zh: '设备数', en: 'Devices', value: (c) => c.deviceCount },
        { key: 'sla', zh: 'SLA 政策', en: 'SLA policy', value: (c) => c.slaPolicy },
        { key: 'visits', zh: '年巡检次数', en: 'Visits / year', value: (c) => c.visitsPerYear },
        { key: 'price', zh: '金额', en: 'Price', value: (c) => (c.price === null ? null : Number(c.price)) },
        { key: 'currency', zh: '币种', en: 'Currency', value: (c) => c.currency },
      ];
      const name = L === 'en-US' ? 'contracts' : '合同';
      return sendXlsx(reply, name, await xlsxBuffer(name, columns, page.items, L));
    },
  );

  app.get('/contracts/:id', { schema: { tags, params: idParams, response: { 200: contractDto } } }, async (req) =>
    svc.getContract(db, authorize(req, contractsPolicy, 'read'), req.params.id, tz),
  );

  app.post(
    '/contracts',
    { schema: { tags, summary: 'Create a contract with its covered devices', body: createContractBody, response: { 201: contractDto } } },
    async (req, reply) => {
      const user = authorize(req, contractsPolicy, 'create');
      if (customerScope(user) !== null) throw forbidden();
      return reply.status(201).send(await svc.createContract(db, actorOf(user), req.body, tz));
    },
  );

  app.patch(
    '/contracts/:id',
    {
      schema: {
        tags,
        summary: 'Update a contract; deviceIds, when sent, replaces the covered list',
        params: idParams,
        body: updateContractBody,
        response: { 200: contractDto },
      },
    },
    async (req) => {
      const user = authorize(req, contractsPolicy, 'update');
      if (customerScope(user) !== null) throw forbidden();
      return svc.updateContract(db, actorOf(user), req.params.id, req.body, tz);
    },
  );

  app.delete('/contracts/:id', { schema: { tags, params: idParams, querystring: deleteQuery, response: { 204: z.null() } } }, async (req, reply) => {
    const user = authorize(req, contractsPolicy, 'delete');
    await svc.deleteContract(db, actorOf(user), req.params.id, req.query.version, tz);
    return reply.status(204).send(null);
  });
}
