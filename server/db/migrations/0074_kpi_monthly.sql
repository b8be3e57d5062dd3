-- KPI monthly rollup (R-RP-1, issue 15 §3): kpi_daily summed per month for each set of dimensions
-- the dashboard groups or filters by — the month's total ('all'), per engineer, customer and model,
-- and per pair (a filtered view grouped by another dimension: a branch's view by engineer needs
-- engineer × customer). A long range reads its whole months here and only the edge days from
-- kpi_daily: a year is a few thousand rows, not ~700k. The dimensions a set does not group by hold
-- the "none" key. Derived data like kpi_daily (no foreign keys); the kpis.rollup job rebuilds the
-- months it touches, and the rows below back-fill the months already rolled up.
CREATE TABLE "kpi_monthly" (
	"grp" text NOT NULL,
	"month" date NOT NULL,
	"engineer_key" uuid NOT NULL,
	"customer_key" uuid NOT NULL,
	"model_key" uuid NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"repairs" bigint DEFAULT 0 NOT NULL,
	"ftf" bigint DEFAULT 0 NOT NULL,
	"restore_n" bigint DEFAULT 0 NOT NULL,
	"restore_minutes" numeric DEFAULT 0 NOT NULL,
	"respond_met" bigint DEFAULT 0 NOT NULL,
	"respond_total" bigint DEFAULT 0 NOT NULL,
	"arrive_met" bigint DEFAULT 0 NOT NULL,
	"arrive_total" bigint DEFAULT 0 NOT NULL,
	"restore_met" bigint DEFAULT 0 NOT NULL,
	"restore_total" bigint DEFAULT 0 NOT NULL,
	"repeat30" bigint DEFAULT 0 NOT NULL,
	"repeat90" bigint DEFAULT 0 NOT NULL,
	"survey_n" bigint DEFAULT 0 NOT NULL,
	"survey_score" numeric DEFAULT 0 NOT NULL,
	"complaints" bigint DEFAULT 0 NOT NULL,
	"followups_due" bigint DEFAULT 0 NOT NULL,
	"followups_on_time" bigint DEFAULT 0 NOT NULL,
	"visits_planned" bigint DEFAULT 0 NOT NULL,
	"visits_done" bigint DEFAULT 0 NOT NULL,
	"missed_calls" bigint DEFAULT 0 NOT NULL,
	"callbacks" bigint DEFAULT 0 NOT NULL,
	"callback_minutes" numeric DEFAULT 0 NOT NULL,
	"renewals_won" bigint DEFAULT 0 NOT NULL,
	"renewals_lost" bigint DEFAULT 0 NOT NULL,
	"parts_qty" numeric DEFAULT 0 NOT NULL,
	"parts_cost" numeric DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_monthly_grp_month_engineer_key_customer_key_model_key_pk" PRIMARY KEY("grp","month","engineer_key","customer_key","model_key"),
	CONSTRAINT "kpi_monthly_grp_ck" CHECK ("grp" in ('all', 'engineer', 'customer', 'model', 'engineer_customer', 'engineer_model', 'customer_model')),
	CONSTRAINT "kpi_monthly_month_ck" CHECK (extract(day from "month") = 1)
);--> statement-breakpoint
-- A branch's view (unit → its customers) or one customer's reads the customer sets by customer.
CREATE INDEX "kpi_monthly_customer_idx" ON "kpi_monthly" USING btree ("grp","customer_key","month");--> statement-breakpoint
INSERT INTO "kpi_monthly" ("grp", "month", "engineer_key", "customer_key", "model_key", "orders", "repairs", "ftf", "restore_n",
	"restore_minutes", "respond_met", "respond_total", "arrive_met", "arrive_total", "restore_met", "restore_total", "repeat30",
	"repeat90", "survey_n", "survey_score", "complaints", "followups_due", "followups_on_time", "visits_planned", "visits_done",
	"missed_calls", "callbacks", "callback_minutes", "renewals_won", "renewals_lost", "parts_qty", "parts_cost")
SELECT case grouping(engineer_key, customer_key, model_key) when 7 then 'all' when 3 then 'engineer' when 5 then 'customer'
		when 6 then 'model' when 1 then 'engineer_customer' when 2 then 'engineer_model' else 'customer_model' end,
	month, coalesce(engineer_key, '00000000-0000-0000-0000-000000000000'), coalesce(customer_key, '00000000-0000-0000-0000-000000000000'),
	coalesce(model_key, '00000000-0000-0000-0000-000000000000'),
	sum("orders"), sum("repairs"), sum("ftf"), sum("restore_n"), sum("restore_minutes"), sum("respond_met"), sum("respond_total"),
	sum("arrive_met"), sum("arrive_total"), sum("restore_met"), sum("restore_total"), sum("repeat30"), sum("repeat90"), sum("survey_n"),
	sum("survey_score"), sum("complaints"), sum("followups_due"), sum("followups_on_time"), sum("visits_planned"), sum("visits_done"),
	sum("missed_calls"), sum("callbacks"), sum("callback_minutes"), sum("renewals_won"), sum("renewals_lost"), sum("parts_qty"), sum("parts_cost")
FROM (SELECT date_trunc('month', "day")::date AS month, * FROM "kpi_daily") d
GROUP BY GROUPING SETS ((month), (month, engineer_key), (month, customer_key), (month, model_key),
	(month, engineer_key, customer_key), (month, engineer_key, model_key), (month, customer_key, model_key));
