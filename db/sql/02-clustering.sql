-- Mesh: Orleans 10.4.2 ADO.NET providers on PostgreSQL, part 2 of 4: clustering (membership).
-- Used by Microsoft.Orleans.Clustering.AdoNet: silos (UseAdoNetClustering) and clients/proxies
-- (gateway list). Requires 01-main.sql.
--
-- Contract with the provider (checked against the 10.4.2 assemblies):
--   * the nine keys below up to CleanupDefunctSiloEntriesKey are required: a silo fails at start
--     with "Not all required queries found. Missing are: ..." without them;
--   * CleanupDefunctSiloEntryKey is optional; when present the provider prunes dead silos one row
--     at a time with the values it has just read, instead of running CleanupDefunctSiloEntriesKey;
--   * result columns are read by name; InsertMembershipVersionKey, InsertMembershipKey and
--     UpdateMembershipKey must return exactly one row with one column, > 0 meaning success;
--   * @Version is the table version the caller last read (its etag); a write succeeds only while
--     the table is still at that version, and then bumps it by one;
--   * Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.
--
-- Idempotent: safe to run again on a database that already has it.

SET client_min_messages = warning;

BEGIN;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('mesh.orleans.schema')); END $$;

-- One row per cluster (DeploymentId = ClusterId): the version every membership write must match.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a silo row, if the table is still at VersionArg and the row does not exist yet; then bumps
-- the version. Returns one row: 1 when done, 0 when nothing changed.
-- Locking the version row first serialises all membership writes of the cluster, so the checks are
-- made before anything is written and no rollback is needed.
CREATE OR REPLACE FUNCTION insert_membership(
    DeploymentIdArg text,
    AddressArg      text,
    PortArg         integer,
    GenerationArg   integer,
    SiloNameArg     text,
    HostNameArg     text,
    StatusArg       integer,
    ProxyPortArg    integer,
    StartTimeArg    timestamptz,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $func$
DECLARE
    locked_version integer;
    changed        integer;
BEGIN
    SELECT v.Version INTO locked_version
    FROM OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = DeploymentIdArg
    FOR UPDATE;

    IF NOT FOUND OR locked_version IS DISTINCT FROM VersionArg OR locked_version >= 2147483647 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         StartTime, IAmAliveTime)
    VALUES
        (DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg, StatusArg,
         ProxyPortArg, StartTimeArg, IAmAliveTimeArg)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = DeploymentIdArg;

    RETURN QUERY SELECT 1;
END
$func$;

-- Changes a silo row's status and suspicions, if the table is still at VersionArg and the row
-- exists; then bumps the version. IAmAliveTime never moves backwards. Returns one row: 1 or 0.
CREATE OR REPLACE FUNCTION update_membership(
    DeploymentIdArg text,
    AddressArg      text,
    PortArg         integer,
    GenerationArg   integer,
    StatusArg       integer,
    SuspectTimesArg text,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $func$
DECLARE
    locked_version integer;
    changed        integer;
BEGIN
    SELECT v.Version INTO locked_version
    FROM OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = DeploymentIdArg
    FOR UPDATE;

    IF NOT FOUND OR locked_version IS DISTINCT FROM VersionArg OR locked_version >= 2147483647 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipTable AS m
    SET Status       = StatusArg,
        SuspectTimes = SuspectTimesArg,
        IAmAliveTime = GREATEST(m.IAmAliveTime, IAmAliveTimeArg)
    WHERE m.DeploymentId = DeploymentIdArg
      AND m.Address = AddressArg
      AND m.Port = PortArg
      AND m.Generation = GenerationArg;

    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = DeploymentIdArg;

    RETURN QUERY SELECT 1;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Params: DeploymentId. Creates the cluster's version row (version 0) unless it exists.
-- Returns one row: 1 if created, 0 if it was already there.
('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM inserted;
$q$),

-- Params: DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
-- StartTime, IAmAliveTime, Version.
('InsertMembershipKey', $q$
    SELECT row_count FROM insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version);
$q$),

-- Params: DeploymentId, Address, Port, Generation, Status, SuspectTimes, IAmAliveTime, Version.
('UpdateMembershipKey', $q$
    SELECT row_count FROM update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime,
        @Version);
$q$),

-- Params: DeploymentId, Address, Port, Generation, IAmAliveTime. The heartbeat: touches no version.
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation;
$q$),

-- Params: DeploymentId, Address, Port, Generation. Always returns the version row; the member
-- columns are NULL when that silo has no row.
('MembershipReadRowKey', $q$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable AS v
    LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address
       AND m.Port = @Port
       AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Params: DeploymentId. The version row joined with every silo row of the cluster.
('MembershipReadAllKey', $q$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable AS v
    LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Params: DeploymentId. Removes the whole cluster.
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Params: DeploymentId, Status (always 3 = Active). Gateways for clients.
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = @Status
      AND ProxyPort > 0;
$q$),

-- Params: DeploymentId, IAmAliveTime (the cut-off). Bulk prune of dead silos that started and
-- last beat before the cut-off and carry no suspicions. Used only without CleanupDefunctSiloEntryKey.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = '';
$q$),

-- Params: DeploymentId, Address, Port, Generation, StartTime, IAmAliveTime, SuspectTimes: the
-- values the provider just read. Deletes that one dead row only if it has not changed since.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation
      AND Status = 6
      AND StartTime = @StartTime
      AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
