-- placeholder, filled by the work that needs it (hand-written statements separated by drizzle statement breakpoints)
SELECT 1;
