// 工单 (R-WO-1..5), built for the engineer's phone: status and deadline on top, big buttons
// for the steps the server says this user may take next, the on-site record (diagnosis,
// actions, tests, times, parts), the customer's drawn signature, and — once signed — the
// frozen report with its PDF. Reviewers approve or return it here too. What is shown as
// changeable follows the order's own abilities (issue 11 item 3), computed by the server.
import { Alert, Card, Grid, Space, Spin, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useWorkOrder, useWorkOrderSaved } from '../../../api/hooks/workOrders';
import { useAbility } from '../../../auth';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { LoadFailed } from '../../../components/LoadFailed';
import { ESignatureList } from '../../../components/signatures/ESignatureList';
import { OfflineStepsCard, UnsyncedTag } from '../../../offline/OfflineBanner';
import { WorkOrderLadder } from '../../escalations/WorkOrderLadder';
import { HandbookSuggestions, WriteToHandbookButton } from '../../handbook/HandbookSuggestions';
import { HoldBanner } from '../../holds/HoldsPage';
import { MaintenanceVisitSection } from '../../maintenance/visit/MaintenanceVisitSection';
import { ReadingsTrend } from '../../maintenance/visit/ReadingsTrend';
import { WorkOrderQuotes } from '../../quotes/WorkOrderQuotes';
import { RegisterReturnLink } from '../../returns/RegisterReturnLink';
import { FROZEN, problemText } from '../common';
import { ReviewPanel } from './components/ReviewPanel';
import { WorkOrderActions } from './components/WorkOrderActions';
import { FeeCard, SameDayCard, TakeBackSection } from './components/WorkOrderExtras';
import { WorkOrderHeader } from './components/WorkOrderHeader';
import { ContentCard, PartsCard } from './components/WorkOrderRecord';
import { SignCard, SignedCard } from './components/WorkOrderSignature';
import { PaymentsReversalCard, VersionsSection } from './components/WorkOrderVersions';

export function WorkOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useWorkOrder(id);
  const saved = useWorkOrderSaved();
  const canAttach = useAbility('workorders.act');
  const canReadTrend = useAbility('maintenance.read');
  const canLadder = useAbility('escalations.read');
  const phone = !Grid.useBreakpoint().md;

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <LoadFailed error={q.error} text={problemText(q.error)} back="/" />;
  const wo = q.data;
  const returned = wo.reviews[0]?.verdict === 'returned' && wo.status === 'resolved' ? wo.reviews[0] : null;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="wo-page">
      <WorkOrderHeader wo={wo} />
      {/* Issue 16 §1: steps taken on this phone without a signal, not yet on the server. */}
      <UnsyncedTag workOrderId={wo.id} />
      <OfflineStepsCard workOrderId={wo.id} />
      <HoldBanner hold={wo.deviceHold} />
      <WorkOrderActions wo={wo} />
      {/* Issue 14 §4 (R-REG-4): a return/exchange registered from this job, its unit prefilled. */}
      <RegisterReturnLink workOrderId={wo.id} deviceId={wo.deviceId} />
      {/* Issue 15 §5 (R-KB-1): a reviewed job goes into the handbook in one click; open jobs get its suggestions. */}
      <WriteToHandbookButton workOrderId={wo.id} status={wo.status} />
      {!FROZEN.has(wo.status) && <HandbookSuggestions deviceId={wo.deviceId} text={wo.phenomenon || wo.faultDescription} />}
      {wo.abilities.sign && <SignCard wo={wo} />}
      {/* Issue 15 §2 (R-ESC-1): escalations, progress notes and the temporary measure; staff only. */}
      {canLadder && wo.kind === 'repair' && <WorkOrderLadder workOrderId={wo.id} />}
      <SameDayCard wo={wo} onSaved={saved} />
      <TakeBackSection wo={wo} onChanged={() => q.refetch()} />
      {wo.abilities.review && <ReviewPanel wo={wo} />}
      {returned && (
        <Alert
          type="warning"
          showIcon
          data-testid="wo-returned"
          title={t('workOrder.returnedBy', { name: returned.reviewerName })}
          description={returned.comments}
        />
      )}
      {FROZEN.has(wo.status) && wo.signatures.length > 0 && <SignedCard wo={wo} />}
      {/* Issue 14 §6 (R-AU-1): the reviewer's electronic signature(s). */}
      <ESignatureList items={wo.eSignatures} testId="wo-e-signatures" />
      {/* Issue 13 §1–2 (R-PM-1, R-PM-2): the visit record of a maintenance job, on the phone. */}
      {wo.kind === 'maintenance' && <MaintenanceVisitSection workOrderId={wo.id} canAct={canAttach} />}
      {wo.kind === 'maintenance' && canReadTrend && <ReadingsTrend deviceId={wo.deviceId} />}
      <ContentCard wo={wo} />
      <PartsCard wo={wo} />
      {/* Issue 12 item 0: photos and scans of the job, on site or after. */}
      <AttachmentsPanel ownerKind="work_order" ownerId={wo.id} canUpload={canAttach} />
      {/* Issue 15 §4 (R-WX-1, R-FE-1): the warranty exclusion and the quotes before paid work. */}
      <WorkOrderQuotes workOrderId={wo.id} />
      <FeeCard wo={wo} onSaved={saved} />
      <PaymentsReversalCard wo={wo} onSaved={saved} />
      <VersionsSection wo={wo} onSaved={saved} />
      <Card size="small" title={t('workOrder.history')} data-testid="wo-history">
        <Timeline
          items={wo.events.map((e, i) => ({
            key: `${e.at}-${i}`,
            content: (
              <Space direction="vertical" size={0}>
                <span>
                  {e.fromStatus ? `${t(`service.woStatuses.${e.fromStatus}`)} → ` : ''}
                  <strong>{t(`service.woStatuses.${e.toStatus}`)}</strong>
                </span>
                <Typography.Text type="secondary">
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.actorName}
                  {e.reason ? ` · ${e.reason}` : ''}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      </Card>
      {/* Issue 16 §3: room under the phone's fixed step bar, so the last card scrolls above it. */}
      {phone && wo.nextActions.length > 0 && <div aria-hidden style={{ height: 180 }} data-testid="wo-bar-room" />}
    </Space>
  );
}
