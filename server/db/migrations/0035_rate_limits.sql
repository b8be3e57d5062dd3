-- Login and public-form rate limits shared by every instance (issue 17 item 7): a fixed window per key, counted in the database instead of each process's memory, so two instances behind one address cannot be used to double an attacker's tries. Expired windows are removed by the sessions purge.
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX "rate_limits_reset_idx" ON "rate_limits" USING btree ("reset_at");
