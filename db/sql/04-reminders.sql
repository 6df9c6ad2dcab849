-- Mesh: Orleans 10.4.2 ADO.NET providers on PostgreSQL, part 4 of 4: reminders.
-- Used by Microsoft.Orleans.Reminders.AdoNet (UseAdoNetReminderService). Requires 01-main.sql.
--
-- Contract with the provider (checked against the 10.4.2 assemblies):
--   * all seven keys are required;
--   * rows are read by column name: GrainId, ReminderName, StartTime, Period (bigint, milliseconds),
--     Version;
--   * GrainHash, BeginHash and EndHash are the grain's uint hash stored as a signed integer.
--     The provider picks ReadRangeRows1Key when (int)BeginHash < (int)EndHash, ReadRangeRows2Key
--     (the wrapping range) otherwise; both are "BeginHash < hash <= EndHash" on the ring;
--   * UpsertReminderRowKey returns the row's new Version (the reminder's etag);
--     DeleteReminderRowKey returns one row, > 0 when the row with that Version was deleted.
--
-- Idempotent: safe to run again on a database that already has it.

SET client_min_messages = warning;

BEGIN;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('mesh.orleans.schema')); END $$;

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- For the hash-range reads each silo makes for the part of the ring it owns.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Params: ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash.
-- Period is sent as int when it fits, as bigint otherwise.
('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = EXCLUDED.StartTime,
            Period = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version = r.Version + 1
    RETURNING r.Version AS Version;
$q$),

-- Params: ServiceId, GrainId.
('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId;
$q$),

-- Params: ServiceId, GrainId, ReminderName.
('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName;
$q$),

-- Params: ServiceId, BeginHash, EndHash. A range that does not wrap.
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash;
$q$),

-- Params: ServiceId, BeginHash, EndHash. A range that wraps around the end of the ring.
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- Params: ServiceId, GrainId, ReminderName, Version. Returns one row: 1 if deleted, 0 otherwise.
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId
          AND GrainId = @GrainId
          AND ReminderName = @ReminderName
          AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM deleted;
$q$),

-- Params: ServiceId. Removes every reminder of the service.
('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
