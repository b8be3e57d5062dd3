CREATE TYPE "public"."ledger_kind" AS ENUM('receipt', 'issue', 'return_faulty', 'transfer_out', 'transfer_in', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."part_tracking" AS ENUM('none', 'lot', 'serial');--> statement-breakpoint
CREATE TYPE "public"."purchase_contract_status" AS ENUM('open', 'received', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."purchase_plan_status" AS ENUM('draft', 'submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."stock_condition" AS ENUM('good', 'faulty');--> statement-breakpoint
CREATE TYPE "public"."stocktake_status" AS ENUM('counting', 'submitted', 'approved');--> statement-breakpoint
CREATE TYPE "public"."warehouse_kind" AS ENUM('central', 'emergency', 'van');--> statement-breakpoint
CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"spec" text,
	"unit" text DEFAULT '个' NOT NULL,
	"model_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"unit_cost" numeric(14, 2) DEFAULT '0' NOT NULL,
	"min_stock" integer DEFAULT 0 NOT NULL,
	"emergency_level" integer DEFAULT 0 NOT NULL,
	"tracking" "part_tracking" DEFAULT 'none' NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parts_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "parts_ledger_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"part_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"condition" "stock_condition" DEFAULT 'good' NOT NULL,
	"qty" integer NOT NULL,
	"unit_cost" numeric(14, 2),
	"reference" text,
	"supplier_id" uuid,
	"work_order_id" uuid,
	"purchase_contract_id" uuid,
	"stocktake_id" uuid,
	"transfer_id" uuid,
	"counterpart_name" text,
	"signed_by_id" uuid,
	"signed_by_name" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "purchase_contract_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"spec" text,
	"qty" integer NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"received_qty" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"plan_id" uuid,
	"delivery_date" date NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" "purchase_contract_status" DEFAULT 'open' NOT NULL,
	"notes" text,
	"created_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"qty" integer NOT NULL,
	"reason" text NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"forecast" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"status" "purchase_plan_status" DEFAULT 'draft' NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"part_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"condition" "stock_condition" DEFAULT 'good' NOT NULL,
	"qty" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_part_id_warehouse_id_lot_condition_pk" PRIMARY KEY("part_id","warehouse_id","lot","condition")
);
--> statement-breakpoint
CREATE TABLE "stocktake_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stocktake_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"condition" "stock_condition" DEFAULT 'good' NOT NULL,
	"booked_qty" integer NOT NULL,
	"counted_qty" integer,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "stocktakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"status" "stocktake_status" DEFAULT 'counting' NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by_id" uuid,
	"approved_by_name" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"phone" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "warehouse_kind" NOT NULL,
	"owner_id" uuid,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parts_ledger" ADD CONSTRAINT "parts_ledger_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_ledger" ADD CONSTRAINT "parts_ledger_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_ledger" ADD CONSTRAINT "parts_ledger_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_ledger" ADD CONSTRAINT "parts_ledger_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_contract_lines" ADD CONSTRAINT "purchase_contract_lines_contract_id_purchase_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."purchase_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_contract_lines" ADD CONSTRAINT "purchase_contract_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_contracts" ADD CONSTRAINT "purchase_contracts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_contracts" ADD CONSTRAINT "purchase_contracts_plan_id_purchase_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."purchase_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plan_lines" ADD CONSTRAINT "purchase_plan_lines_plan_id_purchase_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."purchase_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plan_lines" ADD CONSTRAINT "purchase_plan_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parts_code_uq" ON "parts" USING btree (lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "parts_ledger_seq_uq" ON "parts_ledger" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "parts_ledger_part_idx" ON "parts_ledger" USING btree ("part_id","warehouse_id","at");--> statement-breakpoint
CREATE INDEX "parts_ledger_wh_idx" ON "parts_ledger" USING btree ("warehouse_id","at");--> statement-breakpoint
CREATE INDEX "parts_ledger_wo_idx" ON "parts_ledger" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "parts_ledger_at_idx" ON "parts_ledger" USING btree ("at");--> statement-breakpoint
CREATE INDEX "purchase_contract_lines_contract_idx" ON "purchase_contract_lines" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_contracts_number_uq" ON "purchase_contracts" USING btree (lower("number"));--> statement-breakpoint
CREATE INDEX "purchase_contracts_supplier_idx" ON "purchase_contracts" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "purchase_plan_lines_plan_idx" ON "purchase_plan_lines" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_plans_number_uq" ON "purchase_plans" USING btree ("number");--> statement-breakpoint
CREATE INDEX "stock_balances_wh_idx" ON "stock_balances" USING btree ("warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktake_lines_uq" ON "stocktake_lines" USING btree ("stocktake_id","part_id","lot","condition");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktakes_number_uq" ON "stocktakes" USING btree ("number");--> statement-breakpoint
CREATE INDEX "stocktakes_wh_idx" ON "stocktakes" USING btree ("warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_code_uq" ON "suppliers" USING btree (lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_code_uq" ON "warehouses" USING btree (lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_van_owner_uq" ON "warehouses" USING btree ("owner_id") WHERE kind = 'van';