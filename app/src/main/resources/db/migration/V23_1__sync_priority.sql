-- Syncs now run by priority (SyncPriority). Rows scheduled before carry none, and PostgreSQL sorts
-- a missing priority first in descending order: give them the regular one.
update scheduled_tasks set priority = 50 where priority is null;
