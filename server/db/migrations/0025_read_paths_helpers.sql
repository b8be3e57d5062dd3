-- Read paths (issue 6, bench/reads.ts): "my work" finds the orders a person helps on by index.
CREATE INDEX "work_order_helpers_user_idx" ON "work_order_helpers" USING btree ("user_id");