// R-ORG-1: "in this unit" means the unit and every team below it. SQL pieces other modules'
// list queries add to their conditions (through units/index.ts): the customers a unit serves.
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** The ids of a unit and of every unit below it (teams inside a branch), as a subquery. */
export function unitSubtree(unitId: string): SQL {
  return sql`(with recursive sub(id) as (
      select u.id from units u where u.id = ${unitId}::uuid
      union select c.id from units c join sub on c.parent_id = sub.id)
    select id from sub)`;
}

/** `column` (a customer id) names a customer served by this unit or a team below it. */
export function customerInUnit(column: PgColumn | SQL, unitId: string): SQL {
  return sql`${column} = any(array(select cu.id from customers cu where cu.unit_id in ${unitSubtree(unitId)}))`;
}
