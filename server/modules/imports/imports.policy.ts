// Moving customers and devices in from a spreadsheet (template download, validate, commit).
// The same people who register these records one by one, less the engineers for devices:
// a bulk load of the registry is an office task. Hospital users never import.
import { definePolicy } from '../../lib/access.ts';

export const importsPolicy = definePolicy({
  customers: ['admin', 'service_manager', 'dispatcher', 'sales'],
  devices: ['admin', 'service_manager', 'dispatcher'],
});
