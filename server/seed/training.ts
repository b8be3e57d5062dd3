// Training demo data (issue 12 item 3, R-TR-1). seedQualifications runs inside seedDemo (the
// test template too): every demo engineer, technician and expert is qualified on every demo
// model (seed 003 维修人员必须经培训合格后方可上岗), so dispatch keeps working. seedTrainingDemo
// runs on a fresh demo install (loadDemo): a customer training session with one passed and one
// failed attendee, a staff plan and record, and one qualification expiring within 30 days.
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { deviceModels, devices, qualifications, users } from '../db/schema.ts';
import type { Actor } from '../lib/audit.ts';
import { addDays } from '../lib/calendar.ts';
import { insertAudited } from '../lib/records.ts';
import { addAttendee, createPlan, createRecord, createSession, dayIn, grantQualification } from '../modules/training/index.ts';

const seedActor: Actor = { id: null, name: 'seed' };
const QUALIFIED = ['engineer', 'engineer2', 'technician', 'expert'];

export async function seedQualifications(tx: Executor) {
  const people = await tx.select({ id: users.id, username: users.username }).from(users);
  const manager = people.find((u) => u.username === 'manager');
  if (!manager) return;
  const models = await tx.select({ id: deviceModels.id }).from(deviceModels).orderBy(deviceModels.code);
  for (const username of QUALIFIED) {
    const u = people.find((p) => p.username === username);
    if (!u) continue;
    for (const m of models)
      await insertAudited(tx, seedActor, 'qualification', qualifications, {
        userId: u.id,
        modelId: m.id,
        grantedOn: '2024-01-02',
        expiresOn: '2029-12-31',
        grantedBy: manager.id,
        basis: '厂家培训考核合格',
      });
  }
}

export async function seedTrainingDemo(db: Db, timeZone: string, now = new Date()) {
  const today = dayIn(now, timeZone);
  const [manager] = await db.select().from(users).where(eq(users.username, 'manager'));
  const [eng] = await db.select().from(users).where(eq(users.username, 'engineer'));
  const [eng2] = await db.select().from(users).where(eq(users.username, 'engineer2'));
  const [device] = await db.select().from(devices).where(eq(devices.serialNumber, 'ST5020-25-0412'));
  if (!manager || !eng || !eng2 || !device) return;
  const actor = { id: manager.id, name: manager.displayName };
  const session = await createSession(db, actor, {
    customerId: device.customerId,
    departmentId: device.departmentId ?? null,
    deviceIds: [device.id],
    title: '全自动染色机操作培训',
    heldOn: addDays(today, -3),
    place: '病理科示教室',
    trainerId: eng.id,
    syllabus: '1. 开关机与日常保养\n2. 试剂装载与程序设置\n3. 常见报警的识别与处理\n4. 安全注意事项',
    passMark: 60,
  });
  await addAttendee(db, actor, session.id, { name: '王红', department: '病理科', jobTitle: '主管技师', phone: '010-65550101', score: 92 }, now);
  await addAttendee(db, actor, session.id, { name: '李明', department: '病理科', jobTitle: '技师', score: 48 }, now);
  const year = Number(today.slice(0, 4));
  const plan = await createPlan(db, actor, {
    year,
    topic: 'CT 球管更换与校准',
    modelId: null,
    skill: 'CT 维修',
    plannedMonth: Number(today.slice(5, 7)),
    traineeIds: [eng.id, eng2.id],
  });
  const record = await createRecord(db, actor, {
    planId: plan.id,
    traineeId: eng2.id,
    topic: 'CT 球管更换与校准',
    skill: 'CT 维修',
    heldOn: addDays(today, -10),
    hours: 16,
    trainer: '赵敏（技术支持专家）',
    selfScore: 85,
    supervisorScore: 88,
    customerScore: 90,
    assessmentComment: '操作规范，考核合格',
  });
  // One qualification expiring within 30 days, for the manager's list.
  await grantQualification(db, actor, {
    userId: eng2.id,
    skill: 'CT 维修',
    grantedOn: addDays(today, -345),
    expiresOn: addDays(today, 20),
    basisRecordId: record.id,
    basis: '年度技能考核合格',
  });
}
