-- R-FU-2: the questionnaires shipped with the product (admins add and edit their own).
-- The pathology-equipment one follows seed 000 §4 (售后回访制度, 回访内容).
INSERT INTO followup_questionnaires (code, name, device_categories, service_types, items) VALUES
  ('pathology', '病理设备回访问卷', ARRAY['pathology_stainer','tissue_processor','microtome'], '{}', '[{"key": "dept_use", "label": {"zh-CN": "科室开展状况（未开展要询问原因）", "en-US": "Department''s use of the device (if not in use, ask why)"}, "kind": "text"}, {"key": "device_state", "label": {"zh-CN": "设备使用/运行状况", "en-US": "Device state in use"}, "kind": "choice", "options": [{"value": "normal", "label": {"zh-CN": "正常", "en-US": "Normal"}}, {"value": "abnormal", "label": {"zh-CN": "异常", "en-US": "Abnormal"}}], "required": true}, {"key": "slide_quality", "label": {"zh-CN": "出片质量", "en-US": "Slide (output) quality"}, "kind": "quality", "options": [{"value": "normal", "label": {"zh-CN": "等同或好于常规", "en-US": "As good as usual or better"}}, {"value": "poor", "label": {"zh-CN": "次于常规或较差", "en-US": "Below usual or poor"}}], "required": true}, {"key": "operator_practice", "label": {"zh-CN": "检验员操作是否规范", "en-US": "Does the technician operate by the procedure?"}, "kind": "choice", "options": [{"value": "yes", "label": {"zh-CN": "规范", "en-US": "Yes"}}, {"value": "no", "label": {"zh-CN": "不规范", "en-US": "No"}}]}, {"key": "specimen_reagent", "label": {"zh-CN": "科室常做标本类型及试剂使用量", "en-US": "Usual specimen types and reagent use"}, "kind": "text"}, {"key": "processing", "label": {"zh-CN": "标本处理时间、温度", "en-US": "Specimen processing time and temperature"}, "kind": "text"}, {"key": "suggestions", "label": {"zh-CN": "科室对公司产品有什么好的意见建议", "en-US": "The department''s suggestions about our products"}, "kind": "text"}]'::jsonb),
  ('generic', '通用回访问卷', '{}', '{}', '[{"key": "device_state", "label": {"zh-CN": "设备运行是否正常", "en-US": "Is the device running normally?"}, "kind": "choice", "options": [{"value": "normal", "label": {"zh-CN": "正常", "en-US": "Normal"}}, {"value": "abnormal", "label": {"zh-CN": "异常", "en-US": "Abnormal"}}], "required": true}, {"key": "output_quality", "label": {"zh-CN": "输出质量（图像/结果）是否达到先前标准", "en-US": "Output quality (images/results) up to the earlier standard?"}, "kind": "quality", "options": [{"value": "normal", "label": {"zh-CN": "等同或好于常规", "en-US": "As good as usual or better"}}, {"value": "poor", "label": {"zh-CN": "次于常规或较差", "en-US": "Below usual or poor"}}], "required": true}, {"key": "usage", "label": {"zh-CN": "科室使用情况", "en-US": "How the department uses it"}, "kind": "text"}, {"key": "satisfaction", "label": {"zh-CN": "对服务是否满意", "en-US": "Satisfied with the service?"}, "kind": "choice", "options": [{"value": "satisfied", "label": {"zh-CN": "满意", "en-US": "Satisfied"}}, {"value": "fair", "label": {"zh-CN": "一般", "en-US": "Fair"}}, {"value": "dissatisfied", "label": {"zh-CN": "不满意", "en-US": "Dissatisfied"}}]}, {"key": "suggestions", "label": {"zh-CN": "有什么建议和要求", "en-US": "Suggestions and requests"}, "kind": "text"}]'::jsonb);
--> statement-breakpoint
-- R-SV-1: four ratings on four levels.
ALTER TABLE surveys ADD CONSTRAINT surveys_ratings_ck CHECK (
  (attitude IS NULL OR attitude BETWEEN 1 AND 4) AND (skill IS NULL OR skill BETWEEN 1 AND 4)
  AND (timeliness IS NULL OR timeliness BETWEEN 1 AND 4) AND (promise IS NULL OR promise BETWEEN 1 AND 4)
  AND ((answered_at IS NULL) = (attitude IS NULL)));
--> statement-breakpoint
-- R-FU-3: an escalated follow-up carries its problem; an approval carries its plan.
ALTER TABLE followups ADD CONSTRAINT followups_escalation_ck CHECK (
  (outcome IS DISTINCT FROM 'escalated' OR problem IS NOT NULL)
  AND ((approved_at IS NULL) = (approved_plan IS NULL))
  AND (status = 'pending' OR done_at IS NOT NULL));
--> statement-breakpoint
-- R-CP-4: a closed complaint file is complete (the service checks first and lists what is missing).
ALTER TABLE complaints ADD CONSTRAINT complaints_closed_complete_ck CHECK (
  status <> 'closed' OR (device_identifier IS NOT NULL AND reportable IS NOT NULL AND reportability_reason IS NOT NULL
    AND reply IS NOT NULL AND closed_at IS NOT NULL
    AND (no_investigation_reason IS NOT NULL OR (investigation_started_on IS NOT NULL AND investigation_result IS NOT NULL AND corrective_action IS NOT NULL))));
