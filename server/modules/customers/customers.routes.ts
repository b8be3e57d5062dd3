// Customers → departments → sites, and contacts (SPEC §2).
import { eq } from 'drizzle-orm';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields, registerTableLabels } from '../../http/errors.ts';
import { resourceRoutes } from '../../http/resource.ts';
import {
  childListQuery,
  contactDto,
  createContactBody,
  createCustomerBody,
  createDepartmentBody,
  createSiteBody,
  customerDto,
  customerListQuery,
  departmentDto,
  siteDto,
  siteListQuery,
  updateContactBody,
  updateCustomerBody,
  updateDepartmentBody,
  updateSiteBody,
} from './customers.dto.ts';
import { customersPolicy } from './customers.policy.ts';
import { assertBelongsToCustomer } from './customers.service.ts';
import { contacts, customers, departments, sites } from './customers.tables.ts';

registerConstraintFields({
  customers_code_uq: 'code',
  departments_name_uq: 'name',
  sites_name_uq: 'name',
  departments_customer_id_customers_id_fk: 'customerId',
  sites_customer_id_customers_id_fk: 'customerId',
  contacts_customer_id_customers_id_fk: 'customerId',
  contacts_department_id_departments_id_fk: 'departmentId',
  customers_unit_id_fkey: 'unitId',
  sites_unit_id_fkey: 'unitId',
});
registerTableLabels({ departments: 'departments', sites: 'sites', contacts: 'contacts', users: 'users' });

export function customersRoutes(app: Api, ctx: AppContext) {
  resourceRoutes(app, ctx, {
    path: '/customers',
    entity: 'customer',
    tag: 'customers',
    table: customers,
    policy: customersPolicy,
    dto: customerDto,
    listQuery: customerListQuery,
    createBody: createCustomerBody,
    updateBody: updateCustomerBody,
    search: [customers.code, customers.name, customers.city, customers.phone, customers.address],
    sorts: { code: customers.code, name: customers.name, city: customers.city, createdAt: customers.createdAt, updatedAt: customers.updatedAt },
    defaultSort: 'name',
    filters: (q) => [
      q.kind ? eq(customers.kind, q.kind) : undefined,
      q.province ? eq(customers.province, q.province) : undefined,
      q.city ? eq(customers.city, q.city) : undefined,
      q.unitId ? eq(customers.unitId, q.unitId) : undefined,
    ],
    customerColumn: customers.id,
    export: {
      fileZh: '客户',
      fileEn: 'customers',
      columns: [
        { key: 'code', zh: '客户编号', en: 'Code', value: (r) => r.code as string },
        { key: 'name', zh: '客户名称', en: 'Name', width: 28, value: (r) => r.name as string },
        { key: 'kind', zh: '类型', en: 'Kind', term: 'customerKind', value: (r) => r.kind as string },
        { key: 'grade', zh: '等级', en: 'Grade', value: (r) => r.grade as string },
        { key: 'province', zh: '省份', en: 'Province', value: (r) => r.province as string },
        { key: 'city', zh: '城市', en: 'City', value: (r) => r.city as string },
        { key: 'address', zh: '地址', en: 'Address', width: 36, value: (r) => r.address as string },
        { key: 'phone', zh: '电话', en: 'Phone', value: (r) => r.phone as string },
      ],
    },
  });

  resourceRoutes(app, ctx, {
    path: '/departments',
    entity: 'department',
    tag: 'customers',
    table: departments,
    policy: customersPolicy,
    dto: departmentDto,
    listQuery: childListQuery(['name', 'createdAt']),
    createBody: createDepartmentBody,
    updateBody: updateDepartmentBody,
    search: [departments.name, departments.phone],
    sorts: { name: departments.name, createdAt: departments.createdAt },
    defaultSort: 'name',
    filters: (q) => [q.customerId ? eq(departments.customerId, q.customerId) : undefined],
    customerColumn: departments.customerId,
  });

  resourceRoutes(app, ctx, {
    path: '/sites',
    entity: 'site',
    tag: 'customers',
    table: sites,
    policy: customersPolicy,
    dto: siteDto,
    listQuery: siteListQuery,
    createBody: createSiteBody,
    updateBody: updateSiteBody,
    search: [sites.name, sites.address],
    sorts: { name: sites.name, regionClass: sites.regionClass, createdAt: sites.createdAt },
    defaultSort: 'name',
    filters: (q) => [q.customerId ? eq(sites.customerId, q.customerId) : undefined, q.regionClass ? eq(sites.regionClass, q.regionClass) : undefined],
    customerColumn: sites.customerId,
  });

  resourceRoutes(app, ctx, {
    path: '/contacts',
    entity: 'contact',
    tag: 'customers',
    table: contacts,
    policy: customersPolicy,
    dto: contactDto,
    listQuery: childListQuery(['name', 'createdAt']),
    createBody: createContactBody,
    updateBody: updateContactBody,
    search: [contacts.name, contacts.phone, contacts.email, contacts.title],
    sorts: { name: contacts.name, createdAt: contacts.createdAt },
    defaultSort: 'name',
    filters: (q) => [q.customerId ? eq(contacts.customerId, q.customerId) : undefined],
    customerColumn: contacts.customerId,
    check: (tx, next) => assertBelongsToCustomer(tx, next.customerId, { departmentId: next.departmentId }),
  });
}
