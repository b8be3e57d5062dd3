// Device models and installed devices (SPEC §2, R-REG-5).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields, registerTableLabels } from '../../http/errors.ts';
import { deleteQuery, resourceRoutes } from '../../http/resource.ts';
import { customerScope } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { forbidden } from '../../lib/errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { plain } from '../../lib/plain.ts';
import {
  coverageDto,
  coverageQuery,
  createDeviceBody,
  createModelBody,
  deviceDetailDto,
  deviceDto,
  deviceExportQuery,
  deviceListItemDto,
  deviceListQuery,
  modelDto,
  modelListQuery,
  updateDeviceBody,
  updateModelBody,
} from './devices.dto.ts';
import { label } from './devices.labels.ts';
import { devicesPolicy, modelsPolicy } from './devices.policy.ts';
import * as svc from './devices.service.ts';
import { deviceModels } from './devices.tables.ts';

registerConstraintFields({
  device_models_code_uq: 'code',
  devices_model_serial_uq: 'serialNumber',
  devices_udi_uq: 'udi',
  devices_model_id_device_models_id_fk: 'modelId',
  devices_customer_id_customers_id_fk: 'customerId',
  devices_department_id_departments_id_fk: 'departmentId',
  devices_site_id_sites_id_fk: 'siteId',
  devices_warranty_override_ck: 'warrantyOverride.reason',
});
registerTableLabels({ devices: 'devices' });

export function devicesRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;

  resourceRoutes(app, ctx, {
    path: '/device-models',
    entity: 'device_model',
    tag: 'devices',
    table: deviceModels,
    policy: modelsPolicy,
    dto: modelDto,
    listQuery: modelListQuery,
    createBody: createModelBody,
    updateBody: updateModelBody,
    search: [deviceModels.code, deviceModels.name, deviceModels.manufacturer],
    sorts: {
      code: deviceModels.code,
      name: deviceModels.name,
      category: deviceModels.category,
      criticality: deviceModels.criticality,
      createdAt: deviceModels.createdAt,
    },
    defaultSort: 'name',
    filters: (q) => [
      q.category ? eq(deviceModels.category, q.category) : undefined,
      q.criticality ? eq(deviceModels.criticality, q.criticality) : undefined,
      q.regulatoryClass ? eq(deviceModels.regulatoryClass, q.regulatoryClass) : undefined,
    ],
    // A new warranty term re-derives the warranty end of the model's non-overridden units (issue 10 item 2).
    afterUpdate: async (tx, actor, before, after) => {
      if (before.warrantyMonths !== after.warrantyMonths) await svc.rederiveWarrantyOfModel(tx, actor, after.id);
    },
  });

  const tags = ['devices'];
  app.get(
    '/devices',
    {
      schema: { tags, summary: 'List installed devices with their coverage today', querystring: deviceListQuery, response: { 200: pageOf(deviceListItemDto) } },
    },
    async (req) => svc.listDevices(db, authorize(req, devicesPolicy, 'read'), req.query, tz),
  );

  app.get(
    '/devices/export',
    { schema: { tags, summary: 'The filtered device list as an Excel file (up to 50,000 rows)', querystring: deviceExportQuery } },
    async (req, reply) => {
      const user = authorize(req, devicesPolicy, 'read');
      const page = await svc.listDevices(db, user, { ...req.query, page: 1, pageSize: EXPORT_MAX_ROWS }, tz);
      const L = req.locale;
      type Item = (typeof page.items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'serial', zh: '序列号', en: 'Serial number', width: 20, value: (d) => d.serialNumber },
        { key: 'udi', zh: 'UDI', en: 'UDI', width: 28, value: (d) => d.udi },
        { key: 'model', zh: '型号', en: 'Model', width: 26, value: (d) => d.modelName },
        { key: 'category', zh: '类别', en: 'Category', value: (d) => label(d.category, L) },
        { key: 'criticality', zh: '风险等级', en: 'Criticality', value: (d) => label(d.criticality, L) },
        { key: 'customer', zh: '客户', en: 'Customer', width: 24, value: (d) => d.customerName },
        { key: 'department', zh: '科室', en: 'Department', value: (d) => d.departmentName },
        { key: 'site', zh: '院区/地点', en: 'Site', value: (d) => d.siteName },
        { key: 'region', zh: '区域', en: 'Region', value: (d) => label(d.regionClass, L) },
        { key: 'install', zh: '安装日期', en: 'Install date', value: (d) => d.installDate },
        { key: 'acceptance', zh: '验收合格日期', en: 'Acceptance date', value: (d) => d.acceptanceDate },
        { key: 'warrantyEnd', zh: '保修截止', en: 'Warranty end', value: (d) => d.warrantyEnd },
        { key: 'software', zh: '软件版本', en: 'Software', value: (d) => d.softwareVersion },
        { key: 'status', zh: '状态', en: 'Status', value: (d) => label(d.status, L) },
        // R-REG-1: the open safety hold's reason, so an exported list never hides 停用.
        { key: 'hold', zh: '停用原因', en: 'Safety hold', width: 30, value: (d) => (d.hold ? `${d.hold.since.slice(0, 10)} ${d.hold.reason}` : null) },
        { key: 'coverage', zh: '服务类别', en: 'Service category', value: (d) => label(d.coverage.category, L) },
        { key: 'contract', zh: '合同编号', en: 'Contract', value: (d) => d.coverage.contractNumber },
        { key: 'until', zh: '保障至', en: 'Covered until', value: (d) => d.coverage.until },
      ];
      return sendXlsx(reply, L === 'en-US' ? 'devices' : '设备档案', await xlsxBuffer(L === 'en-US' ? 'Devices' : '设备档案', columns, page.items, L));
    },
  );

  app.get('/devices/:id', { schema: { tags, summary: 'Everything about one unit', params: idParams, response: { 200: deviceDetailDto } } }, async (req) =>
    svc.getDeviceDetail(db, authorize(req, devicesPolicy, 'read'), req.params.id, tz),
  );

  app.get(
    '/devices/:id/coverage',
    {
      schema: {
        tags,
        summary: 'Coverage and service category at an instant (default now)',
        params: idParams,
        querystring: coverageQuery,
        response: { 200: coverageDto },
      },
    },
    async (req) => {
      const user = authorize(req, devicesPolicy, 'read');
      const d = await svc.getDevice(db, user, req.params.id, tz, req.query.at ? new Date(req.query.at) : new Date());
      return d.coverage;
    },
  );

  app.post('/devices', { schema: { tags, summary: 'Register a device', body: createDeviceBody, response: { 201: deviceDto } } }, async (req, reply) => {
    const user = authorize(req, devicesPolicy, 'create');
    if (customerScope(user) !== null) throw forbidden();
    return reply.status(201).send(plain(await svc.createDevice(db, actorOf(user), req.body)));
  });

  app.patch(
    '/devices/:id',
    { schema: { tags, summary: 'Update a device (send the version you read)', params: idParams, body: updateDeviceBody, response: { 200: deviceDto } } },
    async (req) => {
      const user = authorize(req, devicesPolicy, 'update');
      if (customerScope(user) !== null) throw forbidden();
      return plain(await svc.updateDevice(db, actorOf(user), req.params.id, req.body));
    },
  );

  app.delete(
    '/devices/:id',
    {
      schema: {
        tags,
        summary: 'Delete a device (refused while a contract covers it)',
        params: idParams,
        querystring: deleteQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const user = authorize(req, devicesPolicy, 'delete');
      await svc.deleteDevice(db, actorOf(user), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
}
