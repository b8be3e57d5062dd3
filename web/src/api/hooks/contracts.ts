// Service contracts (合同). The list is a ListPage; writes go through RecordForm / useDelete,
// keyed by the path's root ('contracts'); a contract decides its devices' coverage, so the
// contracts screen also refreshes the devices' keys.
import type { components } from '../../../api/schema';

export type Contract = components['schemas']['Contract'];
